import type { TokenPricing } from '../../contracts';
import { convertUsage } from './convert-usage';

const free: TokenPricing = { prompt: 0, completion: 0, request: 0 };

describe('convertUsage', () => {
  it.each([
    {
      name: 'OpenAI with cached and reasoning details',
      upstream: {
        prompt_tokens: 16,
        completion_tokens: 300,
        total_tokens: 316,
        prompt_tokens_details: { cached_tokens: 4, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 64, audio_tokens: 0 },
      },
      expected: { prompt: 16, completion: 300, total: 316, cached: 4, reasoning: 64 },
    },
    {
      name: 'DeepSeek cache hits without prompt_tokens_details',
      upstream: {
        prompt_tokens: 339,
        completion_tokens: 83,
        total_tokens: 422,
        prompt_cache_hit_tokens: 320,
      },
      expected: { prompt: 339, completion: 83, total: 422, cached: 320, reasoning: 0 },
    },
    {
      name: 'xAI, whose completion_tokens leave reasoning out',
      upstream: {
        prompt_tokens: 12,
        completion_tokens: 1,
        total_tokens: 303,
        prompt_tokens_details: { cached_tokens: 11 },
        completion_tokens_details: { reasoning_tokens: 290 },
      },
      expected: { prompt: 12, completion: 291, total: 303, cached: 11, reasoning: 290 },
    },
    {
      name: 'Groq with timing fields',
      upstream: {
        queue_time: 0.04,
        prompt_tokens: 45,
        completion_tokens: 662,
        total_tokens: 707,
        total_time: 2.6,
      },
      expected: { prompt: 45, completion: 662, total: 707, cached: 0, reasoning: 0 },
    },
    {
      name: 'no total_tokens',
      upstream: { prompt_tokens: 5, completion_tokens: 7 },
      expected: { prompt: 5, completion: 7, total: 12, cached: 0, reasoning: 0 },
    },
    {
      name: 'null details',
      upstream: {
        prompt_tokens: 5,
        completion_tokens: 7,
        prompt_tokens_details: null,
        completion_tokens_details: null,
      },
      expected: { prompt: 5, completion: 7, total: 12, cached: 0, reasoning: 0 },
    },
    {
      name: 'a prompt count alone',
      upstream: { prompt_tokens: 5 },
      expected: { prompt: 5, completion: 0, total: 5, cached: 0, reasoning: 0 },
    },
  ])('reads $name', ({ upstream, expected }) => {
    expect(convertUsage(upstream, free)).toEqual({
      prompt_tokens: expected.prompt,
      completion_tokens: expected.completion,
      total_tokens: expected.total,
      cost: 0,
      prompt_tokens_details: { cached_tokens: expected.cached },
      completion_tokens_details: { reasoning_tokens: expected.reasoning },
    });
  });

  it.each([
    { name: 'no usage', upstream: undefined },
    { name: 'null usage', upstream: null },
    { name: 'an empty usage', upstream: {} },
    { name: 'a total alone', upstream: { total_tokens: 12 } },
    { name: 'an unreadable usage', upstream: { prompt_tokens: 'many' } },
  ])('reads $name as nothing counted, for the gateway to count', ({ upstream }) => {
    expect(convertUsage(upstream, free)).toBeNull();
  });

  it.each([
    {
      name: 'tokens at their prices plus the request price',
      upstream: { prompt_tokens: 1000, completion_tokens: 500 },
      pricing: { prompt: 0.4e-6, completion: 1.6e-6, request: 0.001 },
      cost: 0.0004 + 0.0008 + 0.001,
    },
    {
      name: 'reasoning tokens that xAI left out as output',
      upstream: {
        prompt_tokens: 10,
        completion_tokens: 1,
        total_tokens: 111,
        completion_tokens_details: { reasoning_tokens: 100 },
      },
      pricing: { prompt: 1e-6, completion: 2e-6, request: 0 },
      cost: 10e-6 + 101 * 2e-6,
    },
  ])('prices $name', ({ upstream, pricing, cost }) => {
    expect(convertUsage(upstream, pricing)?.cost).toBeCloseTo(cost, 12);
  });
});
