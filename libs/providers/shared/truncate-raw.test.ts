import { truncateRaw } from './truncate-raw';

describe('truncateRaw', () => {
  it.each([
    { name: 'a short body whole', text: '{"error":"x"}', limit: 4096, expected: '{"error":"x"}' },
    { name: 'a body of exactly the limit whole', text: 'abcd', limit: 4, expected: 'abcd' },
    { name: 'a long body to the limit', text: 'abcdef', limit: 4, expected: 'abcd' },
    { name: 'without half a multi-byte character', text: 'ab€cd', limit: 4, expected: 'ab' },
    { name: 'a multi-byte character that fits', text: 'ab€cd', limit: 5, expected: 'ab€' },
  ])('keeps $name', ({ text, limit, expected }) => {
    expect(truncateRaw(text, limit)).toBe(expected);
  });

  it('defaults to 4 KiB', () => {
    expect(truncateRaw('x'.repeat(5000))).toHaveLength(4096);
  });
});
