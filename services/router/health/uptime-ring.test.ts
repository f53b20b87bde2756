import { createUptimeRing, dailyUptime, recordUptime, UPTIME_BUCKET_MS, UPTIME_SPAN_MS } from './uptime-ring';

const T0 = Date.UTC(2026, 11, 3, 12);

describe('uptime ring', () => {
  it('is null without attempts', () => {
    expect(dailyUptime(createUptimeRing(), T0)).toBeNull();
  });

  it('counts every attempt of the last day, across buckets', () => {
    const ring = createUptimeRing();
    recordUptime(ring, true, T0 - 20 * 60 * 60_000);
    recordUptime(ring, false, T0 - 3 * 60 * 60_000);
    recordUptime(ring, true, T0 - 60_000);
    recordUptime(ring, true, T0);
    expect(dailyUptime(ring, T0)).toBe(75);
  });

  it('forgets attempts older than a day, and reuses their bucket', () => {
    const ring = createUptimeRing();
    recordUptime(ring, false, T0);
    expect(dailyUptime(ring, T0 + UPTIME_SPAN_MS + UPTIME_BUCKET_MS)).toBeNull();
    recordUptime(ring, true, T0 + UPTIME_SPAN_MS);
    expect(dailyUptime(ring, T0 + UPTIME_SPAN_MS)).toBe(100);
  });
});
