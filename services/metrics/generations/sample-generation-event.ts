import { randomUUID } from 'node:crypto';
import type { GenerationEvent } from '../../../libs/contracts';

/** A realistic event for tests: a streamed success after one failed attempt. */
export function sampleGenerationEvent(overrides: Partial<GenerationEvent> = {}): GenerationEvent {
  return {
    id: `gen-${randomUUID()}`,
    createdAt: '2026-11-25T10:00:00.000Z',
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
    nativeFinishReason: 'stop',
    tokensPrompt: 12,
    tokensCompletion: 34,
    tokensReasoning: 5,
    tokensCached: 3,
    usageEstimated: false,
    totalCost: 0.0000225,
    isByok: false,
    upstreamInferenceCost: null,
    latencyMs: 180,
    generationTimeMs: 950,
    gatewayOverheadMs: 1.25,
    attempts: [
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
    user: 'user-42',
    sessionId: 'session-7',
    preset: null,
    variant: null,
    ...overrides,
  };
}
