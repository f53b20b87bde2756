import type { AttemptEvent } from '../../../libs/contracts';
import { HealthBook } from './health-book';

const T0 = 1_700_000_000_000;

function attempt(overrides: Partial<AttemptEvent> = {}): AttemptEvent {
  return {
    generationId: 'gen-1',
    attempt: 0,
    source: 'worker',
    model: 'test/echo',
    providerId: 'sim',
    upstreamModel: 'echo',
    endedAt: T0,
    ok: true,
    status: 200,
    retryable: false,
    errorMessage: null,
    firstByteMs: 40,
    firstTokenMs: 50,
    generationMs: 1000,
    completionTokens: 20,
    ...overrides,
  };
}
const serverError = attempt({
  ok: false,
  status: 500,
  retryable: true,
  firstTokenMs: null,
  generationMs: null,
  completionTokens: null,
});

function bookAt(start = T0) {
  const clock = { now: start };
  return { book: new HealthBook(() => clock.now), clock };
}

describe('HealthBook', () => {
  it('knows nothing of an endpoint it never heard of', () => {
    expect(bookAt().book.get('sim', 'test/echo')).toBeUndefined();
    expect(bookAt().book.report('sim', 'test/echo')).toBeUndefined();
  });

  it('summarises successes: TTFT percentiles and throughput median', () => {
    const { book } = bookAt();
    for (const firstTokenMs of [50, 60, 70, 80, 200]) book.record(attempt({ firstTokenMs }));
    expect(book.get('sim', 'test/echo')).toEqual({
      requests: 5,
      errorRate: 0,
      ttftP50Ms: 70,
      ttftP90Ms: 200,
      throughputTps: 20,
      lastOutageAt: null,
      circuit: 'closed',
    });
    expect(book.report('sim', 'test/echo')).toEqual({
      uptimePercent: 100,
      uptimePercent5m: 100,
      uptimePercent1d: 100,
      latencyMs: { p50: 70, p75: 80, p90: 200, p99: 200 },
      throughputTps: { p50: 20, p75: 20, p90: 20, p99: 20 },
      circuit: 'closed',
    });
  });

  it('keeps endpoints apart by provider and model', () => {
    const { book } = bookAt();
    book.record(serverError);
    book.record(attempt({ providerId: 'other' }));
    book.record(attempt({ model: 'test/other' }));
    expect(book.get('sim', 'test/echo')?.errorRate).toBe(1);
    expect(book.get('other', 'test/echo')?.errorRate).toBe(0);
    expect(book.get('sim', 'test/other')?.errorRate).toBe(0);
  });

  it("ignores what is not the endpoint's fault", () => {
    const { book } = bookAt();
    book.record(attempt({ ok: false, status: 400, retryable: false }));
    book.record(attempt({ ok: false, status: 499, retryable: false }));
    expect(book.get('sim', 'test/echo')).toBeUndefined();
  });

  it('opens the circuit after 5 failures in a row, marks the outage, then lets one probe go', () => {
    const { book, clock } = bookAt();
    for (let i = 0; i < 4; i++) book.record(serverError);
    expect(book.get('sim', 'test/echo')?.circuit).toBe('closed');
    book.record(serverError);
    expect(book.get('sim', 'test/echo')).toMatchObject({ circuit: 'open', lastOutageAt: T0, errorRate: 1 });
    expect(book.report('sim', 'test/echo')).toMatchObject({ uptimePercent: 0, circuit: 'open' });
    clock.now = T0 + 30_000;
    expect(book.get('sim', 'test/echo')?.circuit).toBe('half-open');
    book.record(attempt());
    expect(book.get('sim', 'test/echo')).toMatchObject({ circuit: 'closed', lastOutageAt: T0 });
  });

  it('redoes the window math at most once a second, but shows an outage at once', () => {
    const { book, clock } = bookAt();
    book.record(attempt());
    expect(book.get('sim', 'test/echo')?.requests).toBe(1);
    book.record(attempt());
    expect(book.get('sim', 'test/echo')?.requests).toBe(1);
    clock.now = T0 + 1000;
    expect(book.get('sim', 'test/echo')?.requests).toBe(2);
    for (let i = 0; i < 5; i++) book.record(serverError);
    expect(book.get('sim', 'test/echo')).toMatchObject({ requests: 7, circuit: 'open' });
  });

  it('opens on an error rate over 50% of at least 10 attempts in 30 s', () => {
    const { book } = bookAt();
    for (let i = 0; i < 4; i++) {
      book.record(attempt());
      book.record(serverError);
      book.record(serverError);
    }
    expect(book.get('sim', 'test/echo')?.circuit).toBe('open');
  });

  it('forgets attempts older than the routing window but reports them for 30 minutes and a day', () => {
    const { book, clock } = bookAt();
    book.record(serverError);
    clock.now = T0 + 10 * 60_000;
    expect(book.get('sim', 'test/echo')).toMatchObject({ requests: 0, errorRate: 0, ttftP50Ms: null });
    expect(book.report('sim', 'test/echo')?.uptimePercent).toBe(0);
    expect(book.report('sim', 'test/echo')?.uptimePercent5m).toBeNull();
    clock.now = T0 + 31 * 60_000;
    expect(book.report('sim', 'test/echo')?.uptimePercent).toBeNull();
    // A day remembers it.
    expect(book.report('sim', 'test/echo')?.uptimePercent1d).toBe(0);
    clock.now = T0 + 25 * 60 * 60_000;
    expect(book.report('sim', 'test/echo')?.uptimePercent1d).toBeNull();
  });
});
