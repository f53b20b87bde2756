import { tokenizerEncoding } from './tokenizer-encoding';

describe('tokenizerEncoding', () => {
  it.each([
    ['openai/gpt-4o-mini', 'o200k_base'],
    ['openai/gpt-4.1', 'o200k_base'],
    ['openai/gpt-5.4-mini', 'o200k_base'],
    ['openai/gpt-oss-120b', 'o200k_base'],
    ['openai/gpt-4', 'cl100k_base'],
    ['openai/gpt-4-turbo', 'cl100k_base'],
    ['openai/gpt-3.5-turbo', 'cl100k_base'],
    ['meta-llama/llama-3.3-70b-instruct', 'cl100k_base'],
    ['anthropic/claude-sonnet-5.5', 'o200k_base'],
    ['google/gemini-3.8-flash', 'o200k_base'],
    ['switchyard/echo', 'o200k_base'],
  ])('counts %s with %s', (model, encoding) => {
    expect(tokenizerEncoding(model)).toBe(encoding);
  });
});
