import {
  STOP_USING_BEFORE_EXPIRY_MS,
  windowStart,
  type Decision,
  type Demand,
  type Grant,
  type LedgerEntry,
  type Limits,
  type ReplicaBooks,
  type SyncRequest,
  type SyncResult,
} from './ledger';
import type { LimitPeriod } from './limit-period';

/** What an admitted request holds until it ends. */
export interface Reservation {
  spend: number;
  tokens: number;
  /** The grant generation it was made under; a lost grant already counted it. */
  epoch: number;
}

/**
 * One replica's side of one key's books: the grant it holds, what it has reserved and not yet
 * reported. Admitting inside the grant is synchronous and local; everything else is a sync with
 * the shared entry (`syncRequest` → write → `applySync`), done by the caller. No I/O here.
 */
export class ReplicaAccount {
  grant: Grant | null = null;
  private epoch = 0;
  private books: ReplicaBooks = emptyBooks();
  /** Reserved (estimates) and used (what ended) since the last sync, to size the room asked for ahead. */
  private sinceSync = { spend: 0, tokens: 0, requests: 0, usedSpend: 0, usedTokens: 0, at: 0 };
  private running = 0;
  /** The report of the sync in progress; while one is, nothing is admitted locally. */
  private reporting: ReplicaBooks['unreported'] | null = null;

  constructor(readonly replica: string) {}

  /** Requests admitted here and not yet ended. */
  get inFlight(): number {
    return this.running;
  }

  get syncing(): boolean {
    return this.reporting !== null;
  }

  /** Whether anything is waiting to be reported. */
  get hasUnreported(): boolean {
    const { unreported } = this.books;
    return unreported.spend > 0 || unreported.tokens > 0 || unreported.requests > 0;
  }

  /** Admits inside the grant, or returns null: the request must wait for a sync. */
  tryAdmit(demand: Demand, limits: Limits, now: number): Reservation | null {
    const { grant, books } = this;
    // The grant a sync is about to write was sized without what would be admitted meanwhile.
    if (this.reporting || !grant || now >= grant.expiresAt - STOP_USING_BEFORE_EXPIRY_MS) return null;
    const minute = windowStart(now);
    const windowed = limits.requests !== null || limits.tokens !== null;
    if (windowed && grant.window !== minute) return null;
    this.rollUnreported(minute);
    if (limits.requests !== null && books.unreported.requests + 1 > grant.requests) return null;
    // Under the grant with its own estimate, strictly: tokens count as under the limit until they reach it.
    const tokens = books.inFlight.tokens + books.unreported.tokens + demand.tokens;
    if (limits.tokens !== null && tokens >= grant.tokens) return null;
    if (limits.spend !== null && books.inFlight.spend + books.unreported.spend + demand.spend > grant.spend) {
      return null;
    }
    books.unreported.requests += 1;
    return this.reserve(demand);
  }

  /**
   * A request ended: its reservation gives way to what it really used. True when that is more than
   * the grant holds (a request's tokens are known only now): the others cannot see it until it is
   * reported, so the caller reports it at once.
   */
  finish(reservation: Reservation, used: Demand, limits: Limits, now: number): boolean {
    this.running -= 1;
    if (reservation.epoch !== this.epoch) return false;
    const { books } = this;
    books.inFlight.spend -= reservation.spend;
    books.inFlight.tokens -= reservation.tokens;
    this.rollUnreported(windowStart(now));
    books.unreported.spend += used.spend;
    books.unreported.tokens += used.tokens;
    this.sinceSync.usedSpend += used.spend;
    this.sinceSync.usedTokens += used.tokens;
    const grant = this.grant;
    // Only a limited dimension can be outgrown: an unlimited one's grant is 0 and means nothing.
    const held = (inFlight: number, unreported: number, granted: number) => inFlight + unreported > granted;
    return (
      grant !== null &&
      ((limits.tokens !== null && held(books.inFlight.tokens, books.unreported.tokens, grant.tokens)) ||
        (limits.spend !== null && held(books.inFlight.spend, books.unreported.spend, grant.spend)))
    );
  }

  /** Starts a sync (or its retry after a conflict): the request for `syncLedger`. */
  syncRequest(
    entry: LedgerEntry | null,
    demands: Demand[],
    limits: Limits,
    period: LimitPeriod,
    now: number,
    release = false,
  ): SyncRequest {
    const elapsed = Math.max(now - this.sinceSync.at, 50);
    const perSecond = (amount: number) => (amount * 1000) / elapsed;
    const rate = {
      // A request's tokens may well exceed their estimate (the completion is not in it): the room
      // follows whichever is larger, so that the grant is not outrun by every request that ends.
      spend: perSecond(
        Math.max(this.sinceSync.spend + sumOf(demands, (d) => d.spend), this.sinceSync.usedSpend),
      ),
      tokens: perSecond(
        Math.max(this.sinceSync.tokens + sumOf(demands, (d) => d.tokens), this.sinceSync.usedTokens),
      ),
      requests: perSecond(this.sinceSync.requests + demands.length),
    };
    this.reporting = { ...this.books.unreported };
    const books = structuredClone({ ...this.books, rate });
    return { entry, replica: this.replica, now, period, limits, books, demands, release };
  }

  /** The sync could not be stored: nothing changed, local admission resumes. */
  abortSync(): void {
    this.reporting = null;
  }

  /**
   * Takes a sync whose entry was stored: the grant it made, a report taken, and a reservation for
   * each admitted demand (null where refused), in the demands' order.
   */
  applySync(result: SyncResult, demands: Demand[], now: number): (Reservation | null)[] {
    const reported = this.reporting ?? this.books.unreported;
    this.reporting = null;
    const { unreported } = this.books;
    if (result.lost) {
      // Everything held under the lost grant was counted as used; what ends later reports nothing.
      this.epoch += 1;
      this.books.inFlight = { spend: 0, tokens: 0 };
      this.books.unreported = { spend: 0, tokens: 0, requests: 0, window: windowStart(now) };
    } else {
      // What ended while the sync was on its way is reported next time.
      unreported.spend -= reported.spend;
      unreported.requests -= reported.window === unreported.window ? reported.requests : 0;
      unreported.tokens -= reported.window === unreported.window ? reported.tokens : 0;
    }
    this.grant = result.grant;
    this.books.seq = result.grant ? result.grant.seq : 0;
    this.sinceSync = { spend: 0, tokens: 0, requests: 0, usedSpend: 0, usedTokens: 0, at: now };
    return result.decisions.map((decision: Decision, index) =>
      decision.ok ? this.reserve(demands[index]!) : null,
    );
  }

  private reserve(demand: Demand): Reservation {
    this.running += 1;
    this.books.inFlight.spend += demand.spend;
    this.books.inFlight.tokens += demand.tokens;
    this.sinceSync.spend += demand.spend;
    this.sinceSync.tokens += demand.tokens;
    this.sinceSync.requests += 1;
    return { spend: demand.spend, tokens: demand.tokens, epoch: this.epoch };
  }

  /** Requests and tokens are reported for their own minute only; those of a past minute are dropped. */
  private rollUnreported(minute: number): void {
    const { unreported } = this.books;
    if (unreported.window === minute) return;
    unreported.window = minute;
    unreported.requests = 0;
    unreported.tokens = 0;
  }
}

function emptyBooks(): ReplicaBooks {
  return {
    seq: 0,
    inFlight: { spend: 0, tokens: 0 },
    unreported: { spend: 0, tokens: 0, requests: 0, window: 0 },
    rate: { spend: 0, tokens: 0, requests: 0 },
  };
}

const sumOf = <T>(items: T[], pick: (item: T) => number) => items.reduce((t, item) => t + pick(item), 0);
