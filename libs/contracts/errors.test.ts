import { GatewayError } from './errors';

const wire = (code: number, retryAfterMs?: number) => ({
  error: { code, message: 'x' },
  retryable: true,
  ...(retryAfterMs !== undefined && { retryAfterMs }),
});

describe('GatewayError.fromWire', () => {
  it.each([
    ['a 429 with the provider’s advice, rounded up', wire(429, 1500), { 'Retry-After': '2' }],
    ['a 429 without advice: a second', wire(429), { 'Retry-After': '1' }],
    ['a 503 with advice', wire(503, 30_000), { 'Retry-After': '30' }],
    ['a 503 without advice: none', wire(503), undefined],
    ['a 502: none', wire(502, 5000), undefined],
  ])('gives %s its Retry-After header', (_case, error, headers) => {
    expect(GatewayError.fromWire(error).headers).toEqual(headers);
  });
});
