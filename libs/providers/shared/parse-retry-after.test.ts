import { parseRetryAfter } from './parse-retry-after';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    { name: 'seconds', headers: { 'retry-after': '20' }, expected: 20_000 },
    { name: 'fractional seconds', headers: { 'retry-after': '1.5' }, expected: 1500 },
    { name: 'an HTTP date', headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, expected: 30_000 },
    { name: 'a date in the past', headers: { 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }, expected: 0 },
    {
      name: 'milliseconds, preferred',
      headers: { 'retry-after-ms': '250.4', 'retry-after': '1' },
      expected: 251,
    },
    { name: 'a header in any case', headers: { 'Retry-After': '3' }, expected: 3000 },
    { name: 'a repeated header', headers: { 'retry-after': ['4', '5'] }, expected: 4000 },
    {
      name: 'bad milliseconds, falling back to seconds',
      headers: { 'retry-after-ms': 'soon', 'retry-after': '2' },
      expected: 2000,
    },
    { name: 'garbage', headers: { 'retry-after': 'later' }, expected: undefined },
    { name: 'a negative number', headers: { 'retry-after': '-5' }, expected: undefined },
    { name: 'no header', headers: {}, expected: undefined },
    { name: 'an undefined header', headers: { 'retry-after': undefined }, expected: undefined },
  ])('reads $name', ({ headers, expected }) => {
    expect(parseRetryAfter(headers, now)).toBe(expected);
  });
});
