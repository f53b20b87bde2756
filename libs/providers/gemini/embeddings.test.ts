import { parseCatalog } from '../../catalog';
import { chatJob } from '../shared/testing/chat-job-fixture';
import { buildBatchEmbedRequest, translateBatchEmbed } from './embeddings';

const provider = parseCatalog(
  `
providers:
  google: { name: Google, family: gemini, base_url: 'https://generativelanguage.googleapis.com/v1beta', api_key_env: GEMINI_API_KEY }
models:
  google/gemini-embedding-001:
    name: E
    context_length: 2048
    output_modalities: [embeddings]
    endpoints: [{ provider: google, upstream_model: gemini-embedding-001, pricing: { prompt: 0.15, completion: 0 } }]
`,
  'test.yaml',
  {},
).provider('google')!;

const job = (embeddings: object) =>
  chatJob({
    model: 'google/gemini-embedding-001',
    stream: false,
    embeddings: { model: 'google/gemini-embedding-001', input: ['hello', 'world'], ...embeddings } as never,
    request: {
      model: 'google/gemini-embedding-001',
      messages: [
        { role: 'user', content: 'hello' },
        { role: 'user', content: 'world' },
      ],
    },
    endpoint: { providerName: 'Google', upstreamModel: 'gemini-embedding-001' },
  });

describe('buildBatchEmbedRequest', () => {
  it('asks batchEmbedContents for one embedding per input, dimensions as outputDimensionality', () => {
    const request = buildBatchEmbedRequest(job({ dimensions: 768 }), provider, 'g-key');
    expect(request.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents',
    );
    expect(request.headers['x-goog-api-key']).toBe('g-key');
    expect(JSON.parse(request.body)).toEqual({
      requests: [
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'hello' }] },
          outputDimensionality: 768,
        },
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'world' }] },
          outputDimensionality: 768,
        },
      ],
    });
  });
});

describe('translateBatchEmbed', () => {
  const upstream = { embeddings: [{ values: [0.5, -0.25] }, { values: [1, 0] }] };

  it('answers floats in input order, with the gateway counting the tokens', () => {
    const { body, summary } = translateBatchEmbed(job({}), upstream);
    expect(JSON.parse(body).data).toEqual([
      { object: 'embedding', index: 0, embedding: [0.5, -0.25] },
      { object: 'embedding', index: 1, embedding: [1, 0] },
    ]);
    expect(summary.usage).toMatchObject({ completion_tokens: 0, usage_estimated: true });
    expect(summary.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it("encodes base64 itself, as OpenAI's little-endian float32", () => {
    const { body } = translateBatchEmbed(job({ encoding_format: 'base64' }), upstream);
    const first = Buffer.from(JSON.parse(body).data[0].embedding, 'base64');
    expect([first.readFloatLE(0), first.readFloatLE(4)]).toEqual([0.5, -0.25]);
  });
});
