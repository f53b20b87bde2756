import { GRANT_TTL_MS, syncLedger, windowStart, type LedgerEntry, type Limits } from './ledger';
import type { LimitPeriod } from './limit-period';
import { ReplicaAccount, type Reservation } from './replica-account';

const PERIOD: LimitPeriod = { reset: null, start: 0 };
const START = Date.parse('2026-12-02T10:00:00Z');

/** The shared entry with its revision, as the KV bucket holds it: a write from a stale revision fails. */
class Store {
  entry: LedgerEntry | null = null;
  revision = 0;
  write(entry: LedgerEntry, revision: number): boolean {
    if (revision !== this.revision) return false;
    this.entry = structuredClone(entry);
    this.revision += 1;
    return true;
  }
}

function admit(
  account: ReplicaAccount,
  store: Store,
  limits: Limits,
  demand: { spend: number; tokens: number },
  now: number,
) {
  const local = account.tryAdmit(demand, limits, now);
  if (local) return local;
  return sync(account, store, limits, [demand], now)[0] ?? null;
}

function sync(
  account: ReplicaAccount,
  store: Store,
  limits: Limits,
  demands: { spend: number; tokens: number }[],
  now: number,
  release = false,
) {
  const revision = store.revision;
  const result = syncLedger(account.syncRequest(store.entry, demands, limits, PERIOD, now, release));
  if (!store.write(result.entry, revision)) {
    account.abortSync();
    return demands.map(() => null);
  }
  return account.applySync(result, demands, now);
}

/** A small deterministic generator, so a failing sequence can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('ReplicaAccount', () => {
  const limits: Limits = { spend: 10_000, requests: null, tokens: null };

  /** Two requests 100 ms apart: the second sync knows a rate, and asks for room ahead. */
  function warmedUp(store: Store) {
    const account = new ReplicaAccount('a');
    sync(account, store, limits, [{ spend: 100, tokens: 0 }], START);
    sync(account, store, limits, [{ spend: 100, tokens: 0 }], START + 100);
    return account;
  }

  it('asks for no room ahead before it knows how busy it is', () => {
    const store = new Store();
    const account = new ReplicaAccount('a');
    expect(account.tryAdmit({ spend: 100, tokens: 0 }, limits, START)).toBeNull();
    const [first] = sync(account, store, limits, [{ spend: 100, tokens: 0 }], START);
    expect(first).not.toBeNull();
    expect(account.grant?.spend).toBe(100);
  });

  it('admits locally inside its grant once it holds room ahead, and stops at the grant', () => {
    const account = warmedUp(new Store());
    // 200 admitted in 100 ms is 2000 per second, 20,000 in ten; a quarter of the 9800 left free caps it.
    expect(account.grant?.spend).toBe(200 + 2450);
    let admitted = 0;
    while (account.tryAdmit({ spend: 50, tokens: 0 }, limits, START + 101)) admitted += 1;
    expect(admitted).toBe(2450 / 50);
  });

  it('asks ahead for the tokens requests really use when they outrun their estimates', () => {
    const tokenLimits: Limits = { spend: null, requests: null, tokens: 1_000_000 };
    const store = new Store();
    const account = new ReplicaAccount('a');
    const [first] = sync(account, store, tokenLimits, [{ spend: 0, tokens: 10 }], START);
    account.finish(first!, { spend: 0, tokens: 400 }, tokenLimits, START + 50);
    sync(account, store, tokenLimits, [{ spend: 0, tokens: 10 }], START + 100);
    // 400 used in 100 ms is 4000 per second, not the 200 the estimates say: ten seconds of it.
    expect(account.grant?.tokens).toBe(10 + 40_000);
  });

  it('admits nothing locally while a sync is on its way', () => {
    const store = new Store();
    const account = warmedUp(store);
    account.syncRequest(store.entry, [], limits, PERIOD, START + 101);
    expect(account.tryAdmit({ spend: 1, tokens: 0 }, limits, START + 1)).toBeNull();
    account.abortSync();
    expect(account.tryAdmit({ spend: 1, tokens: 0 }, limits, START + 1)).not.toBeNull();
  });

  it('asks for a report at once only when a limited dimension outgrew the grant', () => {
    const store = new Store();
    const spendOnly: Limits = { spend: 10_000, requests: null, tokens: null };
    const account = new ReplicaAccount('a');
    const [held] = sync(account, store, spendOnly, [{ spend: 100, tokens: 5 }], START);
    // The tokens are unlimited (their grant is 0): 400 of them are no reason to sync.
    expect(account.finish(held!, { spend: 50, tokens: 400 }, spendOnly, START + 1)).toBe(false);
    const [over] = sync(account, store, spendOnly, [{ spend: 100, tokens: 0 }], START + 2);
    expect(account.finish(over!, { spend: 5_000, tokens: 0 }, spendOnly, START + 3)).toBe(true);
  });

  it('reports what ended while a sync was on its way at the next one', () => {
    const store = new Store();
    const account = new ReplicaAccount('a');
    const [held] = sync(account, store, limits, [{ spend: 100, tokens: 0 }], START);
    const request = account.syncRequest(store.entry, [], limits, PERIOD, START + 1);
    account.finish(held!, { spend: 80, tokens: 0 }, limits, START + 1);
    const result = syncLedger(request);
    store.write(result.entry, store.revision);
    account.applySync(result, [], START + 1);
    expect(store.entry?.settled).toBe(0);
    sync(account, store, limits, [], START + 2);
    expect(store.entry?.settled).toBe(80);
  });

  it('never reports a request admitted under a grant it lost', () => {
    const store = new Store();
    const account = new ReplicaAccount('a');
    const [held] = sync(account, store, limits, [{ spend: 100, tokens: 0 }], START);
    // Another replica finds the grant expired and counts it as used in full.
    const later = START + GRANT_TTL_MS + 1;
    sync(new ReplicaAccount('b'), store, limits, [], later);
    const counted = store.entry!.settled;
    expect(counted).toBeGreaterThanOrEqual(100);
    account.finish(held!, { spend: 100, tokens: 0 }, limits, later);
    sync(account, store, limits, [], later);
    expect(store.entry!.settled).toBe(counted);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'never lets replicas that crash, race and renew spend past the limit or admit past the rate (seed %i)',
    (seed) => {
      const rand = random(seed);
      const caps: Limits = { spend: 50_000, requests: 40, tokens: null };
      const store = new Store();
      let replicas = [new ReplicaAccount('r0'), new ReplicaAccount('r1'), new ReplicaAccount('r2')];
      let nextId = 3;
      const running: { account: ReplicaAccount; reservation: Reservation; worst: number }[] = [];
      let spent = 0;
      const admittedPerMinute = new Map<number, number>();
      let now = START;
      for (let step = 0; step < 4000; step++) {
        now += Math.floor(rand() * 40);
        const roll = rand();
        const account = replicas[Math.floor(rand() * replicas.length)]!;
        if (roll < 0.55) {
          const worst = 200 + Math.floor(rand() * 3000);
          const reservation = admit(account, store, caps, { spend: worst, tokens: 0 }, now);
          if (reservation) {
            running.push({ account, reservation, worst });
            const minute = windowStart(now);
            admittedPerMinute.set(minute, (admittedPerMinute.get(minute) ?? 0) + 1);
          }
        } else if (roll < 0.9 && running.length > 0) {
          const [ended] = running.splice(Math.floor(rand() * running.length), 1);
          // What a request really costs is at most its worst case; the provider charged it either way.
          const used = Math.floor(ended!.worst * rand());
          spent += used;
          ended!.account.finish(ended!.reservation, { spend: used, tokens: 0 }, caps, now);
        } else if (roll < 0.995) {
          sync(account, store, caps, [], now, account.inFlight === 0);
        } else {
          // A crash: the replica's requests still cost what their worst case allows, and are never reported.
          for (const r of running.filter((r) => r.account === account)) spent += r.worst;
          running.splice(0, running.length, ...running.filter((r) => r.account !== account));
          replicas = [...replicas.filter((r) => r !== account), new ReplicaAccount(`r${nextId++}`)];
        }
        const inFlightWorst = running.reduce((total, r) => total + r.worst, 0);
        expect(spent + inFlightWorst).toBeLessThanOrEqual(caps.spend!);
      }
      for (const count of admittedPerMinute.values()) expect(count).toBeLessThanOrEqual(caps.requests!);
      expect(spent).toBeGreaterThan(caps.spend! / 2);
    },
  );
});
