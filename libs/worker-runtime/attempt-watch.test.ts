import { watchVerdict, type WatchedTiming } from './attempt-watch';

const T0 = 1_000_000;
const patience = { firstTokenMs: 5000, idleMs: 3000 };
const waiting: WatchedTiming = { startedAt: T0, firstTokenAt: null, lastReadAt: null };
const streaming: WatchedTiming = { startedAt: T0, firstTokenAt: T0 + 100, lastReadAt: T0 + 1000 };

describe('watchVerdict', () => {
  it.each([
    ['nothing while frames are flowing', waiting, T0 + 200, T0 + 300, null],
    ['a beat after half a second without a frame', waiting, T0, T0 + 500, 'beat'],
    ['a beat while a stream is silent, short of its idle limit', streaming, T0 + 1000, T0 + 3999, 'beat'],
    ['the first-token timeout', waiting, T0 + 4900, T0 + 5000, 'first-token-timeout'],
    ['the idle timeout from the last read', streaming, T0 + 3900, T0 + 4000, 'idle-timeout'],
    [
      'the idle timeout from the first token when nothing was read since',
      { ...streaming, lastReadAt: null },
      T0 + 3000,
      T0 + 3100,
      'idle-timeout',
    ],
    ['no first-token timeout once the first token came', streaming, T0 + 5999, T0 + 6000, 'idle-timeout'],
  ])('gives %s', (_case, timing, lastSentAt, now, expected) => {
    expect(watchVerdict(timing, lastSentAt, patience, now)).toBe(expected);
  });
});
