import { GenerationRecord } from './generation-record.entity';
import { toOpenRouterGeneration } from './to-openrouter-generation';

function record(overrides: Partial<GenerationRecord> = {}): GenerationRecord {
  return Object.assign(new GenerationRecord(), {
    id: 'gen-1',
    createdAt: new Date('2026-11-25T10:00:00.000Z'),
    model: 'openai/gpt-4o-mini',
    providerId: 'openai',
    providerName: 'OpenAI',
    upstreamModel: 'gpt-4o-mini-2024-07-18',
    upstreamId: 'chatcmpl-abc123',
    streamed: true,
    cancelled: false,
    status: 'success',
    errorCode: null,
    errorMessage: null,
    finishReason: 'stop',
    nativeFinishReason: 'end_turn',
    tokensPrompt: 12,
    tokensCompletion: 34,
    tokensReasoning: 5,
    tokensCached: 3,
    usageEstimated: false,
    gatewayOverheadMs: 1.25,
    totalCost: 0.0000225,
    isByok: false,
    upstreamInferenceCost: null,
    latencyMs: 180,
    generationTimeMs: 950,
    providerResponses: [
      {
        providerId: 'azure',
        providerName: 'Azure',
        model: 'openai/gpt-4o-mini',
        upstreamModel: 'gpt-4o-mini',
        status: 429,
        latencyMs: 40,
        error: 'Rate limit exceeded',
      },
      {
        providerId: 'openai',
        providerName: 'OpenAI',
        model: 'openai/gpt-4o-mini',
        upstreamModel: 'gpt-4o-mini-2024-07-18',
        status: 200,
        latencyMs: 140,
      },
    ],
    apiKeyId: 'key-1',
    userId: 'user-42',
    sessionId: 'session-7',
    preset: 'support-bot',
    variant: 'cheap',
    appReferer: 'https://app.example',
    appTitle: 'Example App',
    droppedParameters: ['top_k'],
    recordedAt: new Date('2026-11-25T10:00:01.000Z'),
    ...overrides,
  } satisfies GenerationRecord);
}

describe('toOpenRouterGeneration', () => {
  it('gives a successful generation the shape of OpenRouter GET /api/v1/generation', () => {
    expect(toOpenRouterGeneration(record())).toEqual({
      id: 'gen-1',
      upstream_id: 'chatcmpl-abc123',
      total_cost: 0.0000225,
      upstream_inference_cost: null,
      cache_discount: null,
      created_at: '2026-11-25T10:00:00.000Z',
      model: 'openai/gpt-4o-mini',
      app_id: null,
      streamed: true,
      cancelled: false,
      provider_name: 'OpenAI',
      latency: 180,
      moderation_latency: null,
      generation_time: 950,
      finish_reason: 'stop',
      native_finish_reason: 'end_turn',
      tokens_prompt: 12,
      tokens_completion: 34,
      native_tokens_prompt: 12,
      native_tokens_completion: 34,
      native_tokens_reasoning: 5,
      native_tokens_cached: 3,
      usage_estimated: false,
      gateway_overhead_ms: 1.25,
      num_media_prompt: null,
      num_media_completion: null,
      num_search_results: null,
      origin: 'https://app.example',
      app_title: 'Example App',
      dropped_parameters: ['top_k'],
      usage: 0.0000225,
      is_byok: false,
      provider_responses: [
        {
          provider_name: 'Azure',
          model: 'openai/gpt-4o-mini',
          status: 429,
          latency: 40,
          error: 'Rate limit exceeded',
        },
        { provider_name: 'OpenAI', model: 'openai/gpt-4o-mini', status: 200, latency: 140 },
      ],
      status: 'success',
      error: null,
      user: 'user-42',
      session_id: 'session-7',
      preset: 'support-bot',
      variant: 'cheap',
    });
  });

  it('says when the tokens and cost are the gateway’s estimate, not the provider’s count', () => {
    expect(toOpenRouterGeneration(record({ usageEstimated: true }))).toMatchObject({
      usage_estimated: true,
      tokens_completion: 34,
      total_cost: 0.0000225,
    });
  });

  it.each([
    [
      'with its recorded status and message',
      { errorCode: 502, errorMessage: 'All providers failed' },
      { code: 502, message: 'All providers failed' },
    ],
    ['as the gateway’s own failure when none was recorded', {}, { code: 500, message: 'Generation failed' }],
  ])('reports a failed generation’s error %s', (_case, fields, error) => {
    const failed = record({
      status: 'error',
      providerName: null,
      upstreamId: null,
      finishReason: null,
      nativeFinishReason: null,
      latencyMs: null,
      totalCost: 0,
      providerResponses: [],
      ...fields,
    });
    expect(toOpenRouterGeneration(failed)).toMatchObject({
      status: 'error',
      error,
      provider_name: null,
      upstream_id: null,
      finish_reason: null,
      latency: null,
      total_cost: 0,
      usage: 0,
      provider_responses: [],
    });
  });
});
