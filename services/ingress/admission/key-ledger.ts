import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { nuid } from '@nats-io/transport-node';
import {
  GRANT_TTL_MS,
  openLedgerBucket,
  RENEW_AFTER_MS,
  ReplicaAccount,
  syncLedger,
  type Decision,
  type Demand,
  type LedgerEntry,
  type LimitPeriod,
  type Limits,
  type Reservation,
  type SyncResult,
} from '../../../libs/accounts';
import { errors } from '../../../libs/contracts';
import { Bus } from '../../../libs/messaging';

/** An admitted request's hold on its key's books, and what the client may be told of its rate limit. */
export interface Admitted {
  ok: true;
  reservation: Reservation;
  requestsLeft: number | null;
}

export type LedgerAnswer = Admitted | Extract<Decision, { ok: false }>;

interface Waiter {
  demand: Demand;
  /** Epoch ms it began to wait. */
  since: number;
  settle: (answer: LedgerAnswer) => void;
  fail: (error: Error) => void;
}

/** This replica's view of one key's books. */
interface KeyBooks {
  hash: string;
  account: ReplicaAccount;
  /** The entry as last read or written, and its revision (0: not in the bucket). */
  entry: LedgerEntry | null;
  revision: number;
  limits: Limits;
  period: LimitPeriod;
  /** The limits the grant was sized for: a changed limit waits for a sync rather than use it. */
  grantLimits: Limits | null;
  waiting: Waiter[];
  syncing: boolean;
  /** Something ended over the grant during a sync: one more sync reports it. */
  reportAgain: boolean;
  lastUsed: number;
  requestsLeft: number | null;
  /** Writes that got no answer in a row, and when housekeeping may try again (the books' leader may be being elected). */
  failures: number;
  retryAt: number;
}

/** After this long without a request, a replica hands its room back to the other replicas. */
const IDLE_MS = 2_000;
const HOUSEKEEPING_MS = 1_000;
/**
 * Of every write and read of the books: a healthy one takes about a millisecond, and a sync (with
 * every admission of its key) waits on them. A write unanswered in this time is checked by reading
 * the entry back (a JetStream election can leave both unanswered).
 */
const REQUEST_TIMEOUT_MS = 500;
/** Housekeeping's renewals after unanswered writes: 1 s, then twice as long, up to this. */
const MAX_RENEW_BACKOFF_MS = 4_000;
/** Revision conflicts in a row before the waiting requests are turned away. */
const MAX_CONFLICTS = 50;
/**
 * How long a request waits while the books cannot be written (a JetStream leader election after a
 * NATS node's death takes a few seconds) before it is answered 503.
 */
const UNAVAILABLE_PATIENCE_MS = 10_000;
const RETRY_PAUSE_MS = { first: 100, max: 1_000 };

/**
 * This replica's side of every key's shared books (see libs/accounts/ledger.ts): admits locally
 * inside the room it holds, and syncs with the key's KV entry — revision-checked, so replicas
 * never both write from one state — when a request does not fit, to renew its grant, or to hand
 * the room back once idle. Requests that arrive during a sync wait for the next one, and are
 * decided together.
 */
@Injectable()
export class KeyLedger implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private readonly replica = `ingress-${nuid.next()}`;
  private readonly books = new Map<string, KeyBooks>();
  private bucket!: KV;
  private housekeeping?: NodeJS.Timeout;

  constructor(private readonly bus: Bus) {}

  async onModuleInit(): Promise<void> {
    this.bucket = await openLedgerBucket(this.bus.nc, this.bus.subjects, REQUEST_TIMEOUT_MS);
    this.housekeeping = setInterval(() => this.keepHouse(), HOUSEKEEPING_MS);
    this.housekeeping.unref();
  }

  /** Requests have stopped (the HTTP server closed first): every room held goes back. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.housekeeping);
    await Promise.allSettled([...this.books.values()].map((books) => this.sync(books, true)));
  }

  admit(
    hash: string,
    limits: Limits,
    period: LimitPeriod,
    demand: Demand,
  ): LedgerAnswer | Promise<LedgerAnswer> {
    const now = Date.now();
    const books = this.booksOf(hash, limits, period);
    books.lastUsed = now;
    const admitted = this.admitLocally(books, demand, now);
    if (admitted) return admitted;
    return new Promise<LedgerAnswer>((settle, fail) => {
      books.waiting.push({ demand, since: now, settle, fail });
      void this.sync(books);
    });
  }

  /**
   * A request ended: its reservation gives way to what it used, reported with the next sync — at
   * once when it used more than the grant holds, so that other replicas count it before they admit.
   */
  finish(hash: string, reservation: Reservation, used: Demand): void {
    const books = this.books.get(hash);
    if (!books?.account.finish(reservation, used, books.limits, Date.now())) return;
    if (books.syncing) books.reportAgain = true;
    else void this.sync(books);
  }

  /** Inside the grant, without a sync; null when the request does not fit (or the grant cannot be used). */
  private admitLocally(books: KeyBooks, demand: Demand, now: number): Admitted | null {
    if (!books.grantLimits || !sameLimits(books.grantLimits, books.limits)) return null;
    const reservation = books.account.tryAdmit(demand, books.limits, now);
    if (!reservation) return null;
    if (books.requestsLeft !== null) books.requestsLeft = Math.max(0, books.requestsLeft - 1);
    return { ok: true, reservation, requestsLeft: books.requestsLeft };
  }

  private booksOf(hash: string, limits: Limits, period: LimitPeriod): KeyBooks {
    let books = this.books.get(hash);
    if (!books) {
      books = {
        hash,
        account: new ReplicaAccount(this.replica),
        entry: null,
        revision: 0,
        limits,
        period,
        grantLimits: null,
        waiting: [],
        syncing: false,
        reportAgain: false,
        lastUsed: 0,
        requestsLeft: null,
        failures: 0,
        retryAt: 0,
      };
      this.books.set(hash, books);
    }
    books.limits = limits;
    books.period = period;
    return books;
  }

  /**
   * One sync with the key's entry, then another while requests are waiting. Read the entry once,
   * decide, write it back with the revision read; a conflict (another replica wrote first) reads
   * again and decides again.
   */
  private async sync(books: KeyBooks, release = false): Promise<void> {
    if (books.syncing) return;
    books.syncing = true;
    try {
      let conflicts = 0;
      let pause = RETRY_PAUSE_MS.first;
      // Always once (a renewal or a release may have no request waiting), then while any waits.
      for (let again = true; again || books.reportAgain || books.waiting.length > 0;) {
        again = false;
        books.reportAgain = false;
        const waiters = books.waiting.splice(0);
        const demands = waiters.map((w) => w.demand);
        const now = Date.now();
        const { account } = books;
        const result = syncLedger(
          account.syncRequest(
            books.entry,
            demands,
            books.limits,
            books.period,
            now,
            release && demands.length === 0,
          ),
        );
        const outcome = await this.write(books, result);
        if (outcome !== 'stored') {
          account.abortSync();
          books.waiting.unshift(...waiters);
          if (outcome === 'conflict' && ++conflicts < MAX_CONFLICTS) {
            again = true;
            continue;
          }
          if (outcome === 'failed') {
            books.failures += 1;
            books.retryAt = Date.now() + Math.min(1000 * 2 ** (books.failures - 1), MAX_RENEW_BACKOFF_MS);
            // The books cannot be written: what the grant still holds is admitted meanwhile.
            this.admitWaitingLocally(books);
            if (books.waiting.length === 0 && !books.reportAgain) return;
          }
          // The others wait on for the books, up to their patience.
          const oldest = Math.min(...books.waiting.map((w) => w.since));
          const patient = books.waiting.length > 0 && Date.now() + pause - oldest < UNAVAILABLE_PATIENCE_MS;
          if (outcome === 'failed' && !release && patient) {
            await new Promise((resolve) => setTimeout(resolve, pause));
            pause = Math.min(2 * pause, RETRY_PAUSE_MS.max);
            again = true;
            continue;
          }
          const error = errors.noProvider(
            'Spend and rate limits cannot be checked right now; try again shortly.',
          );
          for (const waiter of books.waiting.splice(0)) waiter.fail(error);
          return;
        }
        conflicts = 0;
        books.failures = 0;
        books.retryAt = 0;
        const reservations = account.applySync(result, demands, now);
        books.grantLimits = books.limits;
        books.requestsLeft = result.requestsLeft;
        waiters.forEach((waiter, index) => {
          const reservation = reservations[index];
          const decision = result.decisions[index]!;
          waiter.settle(
            reservation
              ? { ok: true, reservation, requestsLeft: result.requestsLeft }
              : (decision as LedgerAnswer),
          );
        });
      }
    } finally {
      books.syncing = false;
    }
  }

  private admitWaitingLocally(books: KeyBooks): void {
    const now = Date.now();
    books.waiting = books.waiting.filter((waiter) => {
      const admitted = this.admitLocally(books, waiter.demand, now);
      if (admitted) waiter.settle(admitted);
      return !admitted;
    });
  }

  /** 'stored', 'conflict' (read again and retry), or 'failed' (NATS is not answering). */
  private async write(books: KeyBooks, result: SyncResult): Promise<'stored' | 'conflict' | 'failed'> {
    try {
      books.revision = await this.bucket.put(books.hash, JSON.stringify(result.entry), {
        previousSeq: books.revision,
      });
      books.entry = result.entry;
      return 'stored';
    } catch (error) {
      const conflict =
        error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamWrongLastSequence;
      try {
        await this.reload(books);
      } catch {
        return 'failed';
      }
      if (conflict) return 'conflict';
      // No answer: the write may have landed all the same, which the grant's seq tells; if not,
      // it is tried again after a pause (the books' leader may be being elected).
      const mine = books.entry?.grants[this.replica];
      return result.grant && mine?.seq === result.grant.seq ? 'stored' : 'failed';
    }
  }

  private async reload(books: KeyBooks): Promise<void> {
    const stored = await this.bucket.get(books.hash);
    books.entry = stored?.operation === 'PUT' ? stored.json<LedgerEntry>() : null;
    books.revision = stored?.revision ?? 0;
  }

  /** Renews grants in use, hands back those of idle keys, and forgets keys with nothing held. */
  private keepHouse(): void {
    const now = Date.now();
    for (const books of this.books.values()) {
      if (books.syncing) continue;
      const { account } = books;
      const grant = account.grant;
      const idle = account.inFlight === 0 && now - books.lastUsed > IDLE_MS;
      if (idle && !grant && !account.hasUnreported) {
        this.books.delete(books.hash);
        continue;
      }
      const renewDue =
        grant !== null && now - (grant.expiresAt - GRANT_TTL_MS) >= RENEW_AFTER_MS && now >= books.retryAt;
      if (idle || renewDue) {
        this.sync(books, idle).catch((error: unknown) =>
          this.logger.warn(`ledger sync failed: ${String(error)}`),
        );
      }
    }
  }
}

const sameLimits = (a: Limits, b: Limits) =>
  a.spend === b.spend && a.requests === b.requests && a.tokens === b.tokens;
