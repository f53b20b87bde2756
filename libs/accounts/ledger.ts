import type { LimitPeriod } from './limit-period';

/**
 * A key's shared books, one NATS KV entry per key, changed only by revision-checked writes (so two
 * writers can never both succeed from the same state). Ingress replicas do not write it per
 * request: each holds a *grant* — room it may use on its own for spend, requests and tokens — and
 * admits locally inside it, coming back to the books only when the grant runs short, to report, to
 * stay alive, or to hand the room back. The books always keep
 *
 *   settled + Σ grants.spend ≤ limit,   window.requests + Σ grants.requests ≤ requests per minute,
 *
 * so however many replicas admit at once, what they admit stays within the limits. A grant that is
 * not renewed (its replica died) is counted as used in full: an outage can cost a key some room,
 * never let it spend past its limit.
 */
export interface LedgerEntry {
  /** The limit period the settled spend belongs to. */
  period: LimitPeriod;
  /** nano-USD reported spent in `period`. */
  settled: number;
  /** The current rate-limit minute, with the requests and tokens reported in it. */
  window: LedgerWindow;
  /** Replica id → the room it holds. */
  grants: Record<string, Grant>;
}

export interface LedgerWindow {
  /** Epoch ms of the minute's start. */
  start: number;
  requests: number;
  tokens: number;
}

export interface Grant {
  /** nano-USD the replica may have reserved or spent without reporting it. */
  spend: number;
  /** Requests it may admit in `window` before it reports them. */
  requests: number;
  /** Tokens it may hold (estimates in flight, actual counts not yet reported). */
  tokens: number;
  window: number;
  /** Epoch ms; a grant not renewed by then is its replica's last word. */
  expiresAt: number;
  /** Increases with every write of the replica, so it can tell whether an unacknowledged write landed. */
  seq: number;
}

/** null: no limit of that kind. */
export interface Limits {
  /** nano-USD per limit period. */
  spend: number | null;
  requests: number | null;
  tokens: number | null;
}

/** What one request asks for: its worst-case cost and its estimated tokens. */
export interface Demand {
  spend: number;
  tokens: number;
}

export type Refusal = 'requests' | 'tokens' | 'spend';

export type Decision =
  | { ok: true }
  | {
      ok: false;
      reason: Refusal;
      /** nano-USD (spend) or requests/tokens still available when the request was refused. */
      available: number;
      /** Spend only: the settled spend alone has reached the limit. */
      exhausted: boolean;
    };

/** The replica's side of the books for one key. */
export interface ReplicaBooks {
  /** The seq of its last write known to be stored; 0 before its first. */
  seq: number;
  /** Reservations of requests still running. */
  inFlight: { spend: number; tokens: number };
  /** Used since the last report: actual spend and tokens of finished requests, requests admitted. */
  unreported: { spend: number; tokens: number; requests: number; window: number };
  /** What it admitted per second lately, to size the room it asks for ahead. */
  rate: { spend: number; tokens: number; requests: number };
}

export interface SyncRequest {
  entry: LedgerEntry | null;
  replica: string;
  now: number;
  period: LimitPeriod;
  limits: Limits;
  books: ReplicaBooks;
  /** Requests waiting for room, in arrival order. */
  demands: Demand[];
  /** Idle: hand back all room beyond what is in flight. */
  release?: boolean;
}

export interface SyncResult {
  entry: LedgerEntry;
  /** The replica's new grant (also in `entry`); null when it released everything and holds nothing. */
  grant: Grant | null;
  decisions: Decision[];
  /**
   * The replica's previous grant was gone (it was taken for expired and counted as used): what it
   * had in flight or unreported is already counted, and must not be reported again.
   */
  lost: boolean;
  /** Requests still available in the window after this sync, for X-RateLimit-Remaining. */
  requestsLeft: number | null;
}

export const WINDOW_MS = 60_000;
/**
 * A grant lives this long unless renewed: long enough that, renewed every RENEW_AFTER_MS, it stays
 * usable through a JetStream leader election (up to ~9 s after a NATS node's death), in which
 * the books cannot be written.
 */
export const GRANT_TTL_MS = 20_000;
/** A replica renews a grant it holds this long after writing it… */
export const RENEW_AFTER_MS = 3_000;
/** …and stops admitting on it this long before it expires, so clock skew cannot make two owners. */
export const STOP_USING_BEFORE_EXPIRY_MS = 5_000;
/** Room asked for ahead: about this long of the replica's recent admissions (through an election too). */
export const HEADROOM_MS = 10_000;
/** …but never more than this share of the room left free by everyone else. */
const HEADROOM_SHARE = 0.25;

export const windowStart = (now: number) => now - (now % WINDOW_MS);

const sum = (grants: Grant[], pick: (grant: Grant) => number) => grants.reduce((t, g) => t + pick(g), 0);

/**
 * One revision-checked step of the books for one replica: rolls the period and the minute
 * forward, counts expired grants as used, takes the replica's report, decides the waiting requests
 * in order, and sizes the replica's new grant. Pure: the caller writes `entry` with the revision
 * it read, and on a conflict reads again and repeats.
 */
export function syncLedger(request: SyncRequest): SyncResult {
  const { replica, now, limits, books } = request;
  const entry = rolledForward(request.entry, request.period, now);
  countExpiredGrants(entry, replica, now);
  const previous = entry.grants[replica];
  const lost = books.seq > 0 && previous?.seq !== books.seq;
  delete entry.grants[replica];
  if (!lost) report(entry, books);

  const others = Object.values(entry.grants);
  const othersRequests = sum(
    others.filter((g) => g.window === entry.window.start),
    (g) => g.requests,
  );
  const freeSpend = (limits.spend ?? 0) - entry.settled - sum(others, (g) => g.spend);
  const freeRequests = (limits.requests ?? 0) - entry.window.requests - othersRequests;
  const heldTokens = entry.window.tokens + sum(others, (g) => g.tokens);

  let spend = lost ? 0 : books.inFlight.spend;
  let tokens = lost ? 0 : books.inFlight.tokens;
  let admitted = 0;
  const decisions = request.demands.map((demand): Decision => {
    if (limits.requests !== null && admitted + 1 > freeRequests) {
      return {
        ok: false,
        reason: 'requests',
        available: Math.max(0, freeRequests - admitted),
        exhausted: false,
      };
    }
    // Tokens are known only once a request ends: it is admitted while the minute is under its limit.
    if (limits.tokens !== null && heldTokens + tokens >= limits.tokens) {
      return {
        ok: false,
        reason: 'tokens',
        available: Math.max(0, limits.tokens - heldTokens - tokens),
        exhausted: false,
      };
    }
    if (limits.spend !== null && spend + demand.spend > freeSpend) {
      const exhausted = entry.settled >= limits.spend;
      return { ok: false, reason: 'spend', available: Math.max(0, freeSpend - spend), exhausted };
    }
    admitted += 1;
    spend += demand.spend;
    tokens += demand.tokens;
    return { ok: true };
  });
  // Requests admitted here are reported at once; the grant's requests are room for later ones.
  entry.window.requests += admitted;

  const ahead = (rate: number, free: number) =>
    request.release
      ? 0
      : Math.floor(Math.min((rate * HEADROOM_MS) / 1000, Math.max(0, free) * HEADROOM_SHARE));
  const grant: Grant = {
    spend: limits.spend === null ? 0 : spend + ahead(books.rate.spend, freeSpend - spend),
    requests: limits.requests === null ? 0 : ahead(books.rate.requests, freeRequests - admitted),
    tokens:
      limits.tokens === null ? 0 : tokens + ahead(books.rate.tokens, limits.tokens - heldTokens - tokens),
    window: entry.window.start,
    expiresAt: now + GRANT_TTL_MS,
    seq: books.seq + 1,
  };
  const requestsLeft = limits.requests === null ? null : Math.max(0, freeRequests - admitted);
  // A replica that hands everything back leaves no trace; otherwise its grant (even empty) is kept,
  // so that its next sync can tell its grant was not taken for expired.
  const holdsNothing = grant.spend === 0 && grant.requests === 0 && grant.tokens === 0;
  if (request.release && holdsNothing) return { entry, grant: null, decisions, lost, requestsLeft };
  entry.grants[replica] = grant;
  return { entry, grant, decisions, lost, requestsLeft };
}

/** A copy of the books in the current period and minute (a new period settles from zero). */
function rolledForward(stored: LedgerEntry | null, period: LimitPeriod, now: number): LedgerEntry {
  const minute = windowStart(now);
  const entry: LedgerEntry = stored
    ? structuredClone(stored)
    : { period, settled: 0, window: { start: minute, requests: 0, tokens: 0 }, grants: {} };
  // Only the same kind of period rolls forward here: when the key's reset changes, the owner of
  // the key re-seeds the books for the new kind, and a replica that has not heard yet must not undo it.
  if (entry.period.reset === period.reset && period.start > entry.period.start) {
    entry.period = period;
    entry.settled = 0;
  }
  if (minute > entry.window.start) {
    entry.window = { start: minute, requests: 0, tokens: 0 };
    for (const grant of Object.values(entry.grants)) {
      grant.requests = 0;
      grant.window = minute;
    }
  }
  return entry;
}

/** A replica that stopped renewing its grant is assumed to have used all of it. */
function countExpiredGrants(entry: LedgerEntry, replica: string, now: number): void {
  for (const [id, grant] of Object.entries(entry.grants)) {
    if (id === replica || grant.expiresAt >= now) continue;
    entry.settled += grant.spend;
    if (grant.window === entry.window.start) {
      entry.window.requests += grant.requests;
      entry.window.tokens += grant.tokens;
    }
    delete entry.grants[id];
  }
}

function report(entry: LedgerEntry, books: ReplicaBooks): void {
  entry.settled += books.unreported.spend;
  // Requests and tokens count in their own minute only; a finished minute no longer matters.
  if (books.unreported.window === entry.window.start) {
    entry.window.requests += books.unreported.requests;
    entry.window.tokens += books.unreported.tokens;
  }
}
