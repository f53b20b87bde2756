import { countTokens as exactO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { countTokens } from './count-tokens';

describe('countTokens', () => {
  it.each([
    { text: '', o200k: 0, cl100k: 0 },
    { text: 'Hello, world!', o200k: 4, cl100k: 4 },
    { text: 'def add(a, b):\n    return a + b\n', o200k: 12, cl100k: 12 },
    // o200k_base's larger vocabulary has many more non-English tokens.
    { text: '今日は良い天気ですね。', o200k: 7, cl100k: 12 },
    // A special token's spelling in someone's text is text, not the token (nor an error).
    { text: '<|endoftext|>', o200k: 7, cl100k: 7 },
  ])('counts $text', ({ text, o200k, cl100k }) => {
    expect(countTokens(text, 'o200k_base')).toBe(o200k);
    expect(countTokens(text, 'cl100k_base')).toBe(cl100k);
  });

  it('estimates a long text from samples, within 1% of the whole count', () => {
    const words = ['gateway', 'stream', 'token', 'provider', 'usage', 'the', 'of', 'and', 'a', 'cost'];
    const text = Array.from({ length: 60_000 }, (_, i) => words[(i * 7 + (i >> 3)) % words.length]).join(' ');
    const exact = exactO200k(text);
    expect(Math.abs(countTokens(text, 'o200k_base') - exact) / exact).toBeLessThan(0.01);
  });
});
