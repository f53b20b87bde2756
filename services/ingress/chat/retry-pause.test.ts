import { GatewayError } from '../../../libs/contracts';
import { pauseBefore, type ProviderFailure } from './retry-pause';

const failure = (providerId: string, retryAfterMs?: number): ProviderFailure => ({
  providerId,
  error: new GatewayError({ status: 429, message: 'busy', retryable: true, retryAfterMs }),
});

describe('pauseBefore', () => {
  it.each([
    ['a provider that has not failed', 'b', [failure('a')], 1, 0],
    ['the first retry of a provider', 'a', [failure('a')], 1, 100],
    ['the first retry, least jitter', 'a', [failure('a')], 0, 50],
    ['the second retry', 'a', [failure('a'), failure('b'), failure('a')], 1, 200],
    ['many retries, capped', 'a', Array.from({ length: 9 }, () => failure('a')), 1, 2000],
    ['what the provider asked for', 'a', [failure('a', 1500)], 1, 1500],
    ['the longest it asked for', 'a', [failure('a', 300), failure('a', 1200)], 0, 1200],
  ])('waits right for %s', (_case, providerId, failed, random, expected) => {
    expect(pauseBefore(providerId, failed, () => random)).toBe(expected);
  });
});
