import { GatewayError, type Usage } from '../contracts';
import { billedToOwnKey, bodyBilledToOwnKey, ownKeyFailure, redacted } from './own-key-billing';

const usage: Usage = { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7, cost: 0.25 };

describe('own-key billing', () => {
  it('charges nothing and reports what the provider bills as upstream_inference_cost', () => {
    expect(billedToOwnKey(usage)).toEqual({
      ...usage,
      cost: 0,
      is_byok: true,
      cost_details: { upstream_inference_cost: 0.25 },
    });
  });

  it('rewrites the usage of a body, and leaves a body without usage as it is', () => {
    const chunk = JSON.stringify({ id: 'x', choices: [], usage });
    expect(JSON.parse(bodyBilledToOwnKey(chunk)).usage).toMatchObject({ cost: 0, is_byok: true });
    expect(bodyBilledToOwnKey('{"id":"x"}')).toBe('{"id":"x"}');
  });

  it("turns the provider's refusal of the key's credential into a 401 naming the provider, without the credential", () => {
    const upstream = new GatewayError({
      status: 502,
      message:
        "OpenAI rejected the gateway's key (check OPENAI_API_KEY): Incorrect API key provided: sk-own-secret",
      metadata: {
        provider_name: 'OpenAI',
        raw: '{"error":{"message":"Incorrect API key provided: sk-own-secret"}}',
        upstream_status: 401,
      },
    });
    const failure = ownKeyFailure(upstream, 'OpenAI', 'sk-own-secret');
    expect(failure.status).toBe(401);
    expect(failure.retryable).toBe(false);
    expect(failure.message).toBe(
      'OpenAI rejected your own (BYOK) key (HTTP 401); its answer is in metadata.raw.',
    );
    expect(failure.metadata?.raw).toContain('Incorrect API key provided: [REDACTED]');
    expect(JSON.stringify(failure.metadata)).not.toContain('sk-own-secret');
    expect(failure.metadata).toMatchObject({ provider_name: 'OpenAI', is_byok: true });
  });

  it('keeps the status of any other failure, still without the credential', () => {
    const overloaded = new GatewayError({
      status: 502,
      message: 'Groq failed: overloaded sk-x',
      retryable: true,
      metadata: { upstream_status: 503 },
    });
    const failure = ownKeyFailure(overloaded, 'Groq', 'sk-x');
    expect(failure).toMatchObject({
      status: 502,
      retryable: true,
      message: 'Groq failed: overloaded [REDACTED]',
    });
    expect(redacted(overloaded, '').message).toBe(overloaded.message);
  });
});
