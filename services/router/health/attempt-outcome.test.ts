import { outcomeOf, throughputOf } from './attempt-outcome';

describe('outcomeOf', () => {
  it.each([
    [{ ok: true, status: 200, retryable: false }, 'success'],
    [{ ok: false, status: 500, retryable: true }, 'failure'],
    [{ ok: false, status: 502, retryable: true }, 'failure'],
    [{ ok: false, status: 503, retryable: true }, 'failure'],
    [{ ok: false, status: 429, retryable: true }, 'failure'],
    [{ ok: false, status: 408, retryable: true }, 'failure'],
    [{ ok: false, status: 400, retryable: false }, 'ignored'],
    [{ ok: false, status: 401, retryable: false }, 'ignored'],
    [{ ok: false, status: 499, retryable: false }, 'ignored'],
    [{ ok: false, status: 500, retryable: false }, 'ignored'],
  ] as const)('%p → %p', (event, outcome) => {
    expect(outcomeOf(event)).toBe(outcome);
  });
});

describe('throughputOf', () => {
  it.each([
    [{ completionTokens: 100, generationMs: 2000 }, 50],
    [{ completionTokens: 4, generationMs: 500 }, 8],
    [{ completionTokens: 0, generationMs: 500 }, null],
    [{ completionTokens: 10, generationMs: 0 }, null],
    [{ completionTokens: null, generationMs: 100 }, null],
    [{ completionTokens: 10, generationMs: null }, null],
  ])('%p → %p tokens/s', (event, tps) => {
    expect(throughputOf(event)).toBe(tps);
  });
});
