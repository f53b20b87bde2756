import {
  GRANT_TTL_MS,
  syncLedger,
  type LedgerEntry,
  type Limits,
  type ReplicaBooks,
  type SyncRequest,
} from './ledger';

const NOW = Date.parse('2026-12-02T10:00:30Z');
const MINUTE = Date.parse('2026-12-02T10:00:00Z');
const DAY = { reset: 'daily' as const, start: Date.parse('2026-12-02T00:00:00Z') };
const SPEND_ONLY: Limits = { spend: 1000, requests: null, tokens: null };

const books = (overrides: Partial<ReplicaBooks> = {}): ReplicaBooks => ({
  seq: 0,
  inFlight: { spend: 0, tokens: 0 },
  unreported: { spend: 0, tokens: 0, requests: 0, window: MINUTE },
  rate: { spend: 0, tokens: 0, requests: 0 },
  ...overrides,
});

const entry = (overrides: Partial<LedgerEntry> = {}): LedgerEntry => ({
  period: DAY,
  settled: 0,
  window: { start: MINUTE, requests: 0, tokens: 0 },
  grants: {},
  ...overrides,
});

const sync = (request: Partial<SyncRequest>) =>
  syncLedger({
    entry: null,
    replica: 'a',
    now: NOW,
    period: DAY,
    limits: SPEND_ONLY,
    books: books(),
    demands: [],
    ...request,
  });

const oks = (result: ReturnType<typeof syncLedger>) => result.decisions.map((d) => d.ok);

describe('syncLedger', () => {
  it('admits waiting requests in order while their worst cases fit, and holds them in the grant', () => {
    const result = sync({
      demands: [
        { spend: 400, tokens: 0 },
        { spend: 400, tokens: 0 },
        { spend: 400, tokens: 0 },
      ],
    });
    expect(oks(result)).toEqual([true, true, false]);
    expect(result.decisions[2]).toEqual({ ok: false, reason: 'spend', available: 200, exhausted: false });
    expect(result.grant).toMatchObject({ spend: 800, seq: 1, expiresAt: NOW + GRANT_TTL_MS });
    expect(result.entry.grants.a).toBe(result.grant);
  });

  it('lets a smaller request through after a larger one was refused', () => {
    const result = sync({
      demands: [
        { spend: 1200, tokens: 0 },
        { spend: 100, tokens: 0 },
      ],
    });
    expect(oks(result)).toEqual([false, true]);
  });

  it("counts every other replica's grant as spent, however little of it they use", () => {
    const other = { spend: 700, requests: 0, tokens: 0, window: MINUTE, expiresAt: NOW + 1000, seq: 4 };
    const result = sync({ entry: entry({ grants: { b: other } }), demands: [{ spend: 400, tokens: 0 }] });
    expect(result.decisions[0]).toMatchObject({ ok: false, available: 300 });
    expect(result.entry.grants.b).toEqual(other);
  });

  it('takes the report: spend moves from the grant to settled, and frees the room it no longer needs', () => {
    const stored = entry({
      grants: { a: { spend: 900, requests: 0, tokens: 0, window: MINUTE, expiresAt: NOW + 1, seq: 3 } },
    });
    const result = sync({
      entry: stored,
      books: books({
        seq: 3,
        inFlight: { spend: 300, tokens: 0 },
        unreported: { spend: 250, tokens: 0, requests: 0, window: MINUTE },
      }),
      demands: [{ spend: 450, tokens: 0 }],
    });
    expect(result.lost).toBe(false);
    expect(result.entry.settled).toBe(250);
    expect(oks(result)).toEqual([true]);
    expect(result.grant?.spend).toBe(750);
  });

  it('counts an expired grant of another replica as used in full, and never lets its room be spent twice', () => {
    const dead = { spend: 600, requests: 2, tokens: 50, window: MINUTE, expiresAt: NOW - 1, seq: 9 };
    const result = sync({ entry: entry({ grants: { dead } }), demands: [{ spend: 500, tokens: 0 }] });
    expect(result.entry.grants.dead).toBeUndefined();
    expect(result.entry.settled).toBe(600);
    expect(result.entry.window).toMatchObject({ requests: 2, tokens: 50 });
    expect(oks(result)).toEqual([false]);
  });

  it('tells a replica its own grant was taken for expired, and does not take its report twice', () => {
    const result = sync({
      entry: entry({ settled: 500 }),
      books: books({
        seq: 7,
        inFlight: { spend: 200, tokens: 0 },
        unreported: { spend: 100, tokens: 0, requests: 0, window: MINUTE },
      }),
      demands: [{ spend: 100, tokens: 0 }],
    });
    expect(result.lost).toBe(true);
    expect(result.entry.settled).toBe(500);
    expect(result.grant?.spend).toBe(100);
  });

  it('starts a new day from zero, but keeps the books when the kind of period differs', () => {
    const yesterday = entry({ period: { reset: 'daily', start: DAY.start - 86_400_000 }, settled: 900 });
    expect(sync({ entry: yesterday }).entry).toMatchObject({ period: DAY, settled: 0 });
    const reseeded = entry({
      period: { reset: 'monthly', start: Date.parse('2026-12-01T00:00:00Z') },
      settled: 900,
    });
    expect(sync({ entry: reseeded }).entry).toMatchObject({ period: reseeded.period, settled: 900 });
  });

  describe('requests per minute', () => {
    const limits: Limits = { spend: null, requests: 3, tokens: null };

    it('admits at most the limit in a minute, counting requests other replicas may still admit', () => {
      const other = { spend: 0, requests: 1, tokens: 0, window: MINUTE, expiresAt: NOW + 5000, seq: 1 };
      const result = sync({
        limits,
        entry: entry({ window: { start: MINUTE, requests: 1, tokens: 0 }, grants: { b: other } }),
        demands: [
          { spend: 0, tokens: 0 },
          { spend: 0, tokens: 0 },
        ],
      });
      expect(oks(result)).toEqual([true, false]);
      expect(result.decisions[1]).toMatchObject({ reason: 'requests', available: 0 });
      expect(result.entry.window.requests).toBe(2);
      expect(result.requestsLeft).toBe(0);
    });

    it('starts each minute afresh, and the room granted for the last one lapses with it', () => {
      const lastMinute = entry({
        window: { start: MINUTE - 60_000, requests: 3, tokens: 0 },
        grants: {
          b: { spend: 0, requests: 2, tokens: 0, window: MINUTE - 60_000, expiresAt: NOW + 5000, seq: 1 },
        },
      });
      const result = sync({ limits, entry: lastMinute, demands: [{ spend: 0, tokens: 0 }] });
      expect(oks(result)).toEqual([true]);
      expect(result.entry.window).toEqual({ start: MINUTE, requests: 1, tokens: 0 });
      expect(result.entry.grants.b).toMatchObject({ requests: 0, window: MINUTE });
    });

    it("drops a report of a past minute's requests", () => {
      const result = sync({
        limits,
        books: books({ unreported: { spend: 0, tokens: 0, requests: 2, window: MINUTE - 60_000 } }),
        demands: [{ spend: 0, tokens: 0 }],
      });
      expect(result.entry.window.requests).toBe(1);
    });
  });

  describe('tokens per minute', () => {
    const limits: Limits = { spend: null, requests: null, tokens: 100 };

    it('admits while the minute is under its limit, counting estimates still in flight', () => {
      const result = sync({
        limits,
        entry: entry({ window: { start: MINUTE, requests: 0, tokens: 60 } }),
        demands: [
          { spend: 0, tokens: 30 },
          { spend: 0, tokens: 30 },
          { spend: 0, tokens: 30 },
        ],
      });
      // 60 + 30 = 90 < 100 admits the second; 120 ≥ 100 refuses the third.
      expect(oks(result)).toEqual([true, true, false]);
      expect(result.grant?.tokens).toBe(60);
    });
  });

  describe('room asked for ahead', () => {
    it('is about ten seconds of recent admissions, at most a quarter of what is free', () => {
      const result = sync({
        books: books({ rate: { spend: 5, tokens: 0, requests: 0 } }),
        demands: [{ spend: 100, tokens: 0 }],
      });
      expect(result.grant?.spend).toBe(100 + 50);
      const busy = sync({
        books: books({ rate: { spend: 10_000, tokens: 0, requests: 0 } }),
        demands: [{ spend: 200, tokens: 0 }],
      });
      expect(busy.grant?.spend).toBe(200 + 200);
    });

    it('is handed back on release, and a replica holding nothing leaves no grant', () => {
      const stored = entry({
        grants: { a: { spend: 500, requests: 0, tokens: 0, window: MINUTE, expiresAt: NOW + 1, seq: 2 } },
      });
      const idle = sync({
        entry: stored,
        books: books({ seq: 2, rate: { spend: 100, tokens: 0, requests: 0 } }),
        release: true,
      });
      expect(idle.grant).toBeNull();
      expect(idle.entry.grants.a).toBeUndefined();
      const busy = sync({
        entry: stored,
        books: books({ seq: 2, inFlight: { spend: 50, tokens: 0 } }),
        release: true,
      });
      expect(busy.grant?.spend).toBe(50);
    });
  });

  it('says the limit is exhausted only when settled spend alone has reached it', () => {
    const full = sync({ entry: entry({ settled: 1000 }), demands: [{ spend: 1, tokens: 0 }] });
    expect(full.decisions[0]).toMatchObject({ ok: false, exhausted: true, available: 0 });
  });

  it('never changes the entry it was given', () => {
    const stored = entry({ settled: 5 });
    const copy = structuredClone(stored);
    sync({ entry: stored, demands: [{ spend: 10, tokens: 0 }] });
    expect(stored).toEqual(copy);
  });
});
