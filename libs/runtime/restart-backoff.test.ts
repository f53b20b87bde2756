import { crashStreak, restartDelayMs } from './restart-backoff';

describe('crashStreak', () => {
  it.each([
    ['the first crash', 0, 0, 1],
    ['a crash soon after the last restart', 3, 1_000, 4],
    ['a crash of a service that never got ready', 5, 0, 6],
    ['a crash just short of the reset', 3, 29_999, 4],
    ['a crash after 30 s up', 7, 30_000, 1],
  ])('counts %s', (_case, streak, upMs, expected) => {
    expect(crashStreak(streak, upMs)).toBe(expected);
  });
});

describe('restartDelayMs', () => {
  it.each([
    [1, 100],
    [2, 200],
    [3, 400],
    [6, 3200],
    [7, 5000],
    [50, 5000],
  ])('waits right after crash %i in a row', (streak, expected) => {
    expect(restartDelayMs(streak)).toBe(expected);
  });

  it('follows the policy it is given', () => {
    expect(restartDelayMs(3, { initialMs: 10, maxMs: 35, resetAfterMs: 1 })).toBe(35);
  });
});
