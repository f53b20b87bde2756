import { convertUsage } from './convert-usage';

const pricing = { prompt: 1e-6, completion: 2e-6, request: 0.001 };

describe('convertUsage', () => {
  it.each([
    {
      name: 'a prompt count alone',
      metadata: { promptTokenCount: 9 },
      usage: { prompt: 9, completion: 0, cached: 0, reasoning: 0 },
    },
    {
      name: 'thinking counted as completion and as reasoning',
      metadata: {
        promptTokenCount: 9,
        candidatesTokenCount: 28,
        thoughtsTokenCount: 244,
        totalTokenCount: 281,
      },
      usage: { prompt: 9, completion: 272, cached: 0, reasoning: 244 },
    },
    {
      name: 'cached and tool-use prompt tokens',
      metadata: {
        promptTokenCount: 1000,
        cachedContentTokenCount: 800,
        toolUsePromptTokenCount: 50,
        candidatesTokenCount: 10,
      },
      usage: { prompt: 1050, completion: 10, cached: 800, reasoning: 0 },
    },
  ])('converts $name', ({ metadata, usage }) => {
    expect(convertUsage(metadata, pricing)).toEqual({
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
      cost: expect.closeTo(usage.prompt * 1e-6 + usage.completion * 2e-6 + 0.001, 12),
      prompt_tokens_details: { cached_tokens: usage.cached },
      completion_tokens_details: { reasoning_tokens: usage.reasoning },
    });
  });
});

describe('convertUsage without counts', () => {
  it.each([
    { name: 'no usage at all', metadata: undefined },
    { name: 'null usage', metadata: null },
    { name: 'only the traffic type, as early stream chunks carry', metadata: { trafficType: 'ON_DEMAND' } },
  ])('reads $name as nothing counted, for the gateway to count', ({ metadata }) => {
    expect(convertUsage(metadata, pricing)).toBeNull();
  });
});
