import { GatewayError } from '../../../libs/contracts';
import { buildGenerationEvent, type GenerationFacts } from './generation-event';

const attempt = {
  providerId: 'acme',
  providerName: 'Acme',
  model: 'test/model',
  upstreamModel: 'model-1',
  status: 502,
  latencyMs: 40,
};

function failedFacts(message: string): GenerationFacts {
  return {
    generationId: 'gen-1',
    receivedAt: Date.parse('2026-11-30T12:00:00Z'),
    firstByteAt: null,
    finishedAt: Date.parse('2026-11-30T12:00:01Z'),
    request: { model: 'test/model', messages: [{ role: 'user', content: 'hi' }], user: 'u-1' },
    stream: false,
    cancelled: false,
    apiKeyId: 'key-1',
    parameters: [],
    result: {
      served: null,
      summary: null,
      error: new GatewayError({ status: 502, message }),
      attempts: [
        { ...attempt, error: message },
        { ...attempt, status: 429, error: 'slow down' },
      ],
    },
  };
}

describe('buildGenerationEvent', () => {
  it('records a failed request with its error and every attempt', () => {
    expect(buildGenerationEvent(failedFacts('Acme failed'))).toMatchObject({
      id: 'gen-1',
      createdAt: '2026-11-30T12:00:00.000Z',
      model: 'test/model',
      providerName: null,
      status: 'error',
      errorCode: 502,
      errorMessage: 'Acme failed',
      finishReason: 'error',
      latencyMs: null,
      generationTimeMs: 1000,
      user: 'u-1',
      attempts: [
        { providerName: 'Acme', status: 502, error: 'Acme failed' },
        { providerName: 'Acme', status: 429, error: 'slow down' },
      ],
    });
  });

  it("keeps only the start of a provider's very long error message, so the record stays small", () => {
    const event = buildGenerationEvent(failedFacts('x'.repeat(50_000)));
    expect(event.errorMessage).toHaveLength(2001);
    expect(event.errorMessage?.endsWith('…')).toBe(true);
    expect(event.attempts[0].error).toHaveLength(2001);
    expect(event.attempts[1].error).toBe('slow down');
  });
});
