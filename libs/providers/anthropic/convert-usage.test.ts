import { convertUsage, mergeUsage } from './convert-usage';

const pricing = { prompt: 3e-6, completion: 15e-6, request: 0.001 };

describe('convertUsage', () => {
  it.each([
    {
      name: 'plain input and output',
      usage: { input_tokens: 12, output_tokens: 30 },
      expected: { prompt: 12, completion: 30, cached: 0, written: 0, reasoning: 0 },
    },
    {
      name: 'cache reads and writes as prompt tokens',
      usage: {
        input_tokens: 10,
        cache_read_input_tokens: 1000,
        cache_creation_input_tokens: 200,
        output_tokens: 5,
      },
      expected: { prompt: 1210, completion: 5, cached: 1000, written: 200, reasoning: 0 },
    },
    {
      name: 'thinking tokens, counted in the output',
      usage: { input_tokens: 51, output_tokens: 1699, output_tokens_details: { thinking_tokens: 139 } },
      expected: { prompt: 51, completion: 1699, cached: 0, written: 0, reasoning: 139 },
    },
    {
      name: 'nulls as zero',
      usage: {
        input_tokens: 18,
        cache_read_input_tokens: null,
        cache_creation_input_tokens: null,
        output_tokens: 5,
      },
      expected: { prompt: 18, completion: 5, cached: 0, written: 0, reasoning: 0 },
    },
    {
      name: 'an input count alone (message_start of a stream cut before message_delta)',
      usage: { input_tokens: 12 },
      expected: { prompt: 12, completion: 0, cached: 0, written: 0, reasoning: 0 },
    },
  ])('converts $name', ({ usage, expected }) => {
    expect(convertUsage(usage, pricing)).toEqual({
      prompt_tokens: expected.prompt,
      completion_tokens: expected.completion,
      total_tokens: expected.prompt + expected.completion,
      cost: expect.closeTo(expected.prompt * 3e-6 + expected.completion * 15e-6 + 0.001, 12),
      prompt_tokens_details: { cached_tokens: expected.cached, cache_write_tokens: expected.written },
      completion_tokens_details: { reasoning_tokens: expected.reasoning },
    });
  });
});

describe('convertUsage without counts', () => {
  it.each([
    { name: 'no usage', usage: undefined },
    { name: 'null usage', usage: null },
    { name: 'an empty usage', usage: {} },
    { name: 'nulls alone', usage: { input_tokens: null, output_tokens: null } },
  ])('reads $name as nothing counted, for the gateway to count', ({ usage }) => {
    expect(convertUsage(usage, pricing)).toBeNull();
  });
});

describe('mergeUsage', () => {
  it.each([
    {
      name: 'the output count of message_delta',
      earlier: { input_tokens: 17, output_tokens: 1 },
      later: { output_tokens: 227 },
      expected: { input_tokens: 17, output_tokens: 227 },
    },
    {
      name: 'an input count corrected by message_delta',
      earlier: { input_tokens: 43, output_tokens: 1 },
      later: { input_tokens: 61, output_tokens: 2 },
      expected: { input_tokens: 61, output_tokens: 2 },
    },
    {
      name: 'earlier counts where the later ones are null',
      earlier: { input_tokens: 18, cache_read_input_tokens: 100, output_tokens: 1 },
      later: { input_tokens: null, cache_read_input_tokens: null, output_tokens: 5 },
      expected: { input_tokens: 18, cache_read_input_tokens: 100, output_tokens: 5 },
    },
    {
      name: 'everything when nothing came later',
      earlier: { input_tokens: 3 },
      later: undefined,
      expected: { input_tokens: 3 },
    },
  ])('keeps $name', ({ earlier, later, expected }) => {
    expect(mergeUsage(earlier, later)).toEqual(expected);
  });
});
