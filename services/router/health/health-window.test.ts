import {
  BUCKET_MS,
  createWindow,
  recordSample,
  SAMPLES_PER_BUCKET,
  summarizeWindow,
  type WindowSample,
} from './health-window';

const success = (ttftMs: number | null = null, throughputTps: number | null = null): WindowSample => ({
  outcome: 'success',
  ttftMs,
  throughputTps,
});
const failure: WindowSample = { outcome: 'failure', ttftMs: null, throughputTps: null };

const T0 = 1_700_000_000_000;

describe('health window', () => {
  it('counts attempts and sorts samples within the span', () => {
    const window = createWindow(60_000);
    recordSample(window, success(300, 20), T0);
    recordSample(window, success(100, 40), T0 + 1000);
    recordSample(window, failure, T0 + 2000);
    expect(summarizeWindow(window, T0 + 3000, 60_000)).toEqual({
      requests: 3,
      failures: 1,
      ttftMs: [100, 300],
      throughputTps: [20, 40],
    });
  });

  it.each([
    ['still inside the span', 50_000, 1],
    ['older than the span', 70_000, 0],
  ])('a sample %s counts %p', (_label, age, requests) => {
    const window = createWindow(60_000);
    recordSample(window, success(), T0);
    expect(summarizeWindow(window, T0 + age, 60_000).requests).toBe(requests);
  });

  it('reads a shorter span from the same window', () => {
    const window = createWindow(300_000);
    recordSample(window, failure, T0);
    recordSample(window, success(), T0 + 200_000);
    expect(summarizeWindow(window, T0 + 200_000, 30_000)).toMatchObject({ requests: 1, failures: 0 });
    expect(summarizeWindow(window, T0 + 200_000, 300_000)).toMatchObject({ requests: 2, failures: 1 });
  });

  it('reuses a slot once its time has passed, forgetting the old bucket', () => {
    const window = createWindow(60_000);
    recordSample(window, failure, T0);
    recordSample(window, success(), T0 + 60_000);
    expect(summarizeWindow(window, T0 + 60_000, 60_000)).toMatchObject({ requests: 1, failures: 0 });
    expect(window.length).toBe(60_000 / BUCKET_MS);
  });

  it('keeps at most SAMPLES_PER_BUCKET samples per bucket, but counts every attempt', () => {
    const window = createWindow(60_000);
    for (let i = 0; i < SAMPLES_PER_BUCKET + 10; i++) recordSample(window, success(i), T0);
    const summary = summarizeWindow(window, T0, 60_000);
    expect(summary.requests).toBe(SAMPLES_PER_BUCKET + 10);
    expect(summary.ttftMs).toHaveLength(SAMPLES_PER_BUCKET);
  });
});
