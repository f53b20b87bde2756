import { parseCatalog } from '../../catalog';
import { GatewayError } from '../../contracts';
import { chatJob } from '../shared/testing/chat-job-fixture';
import { buildEmbeddingsRequest, translateEmbeddings } from './embeddings';

const catalog = parseCatalog(
  `
providers:
  openai: { name: OpenAI, family: openai-compatible, base_url: 'https://api.openai.com/v1', api_key_env: OPENAI_API_KEY }
  azure:
    name: Azure
    family: openai-compatible
    base_url: 'https://r.openai.azure.com/openai/deployments/{model}'
    auth: api-key-header
    api_key_env: AZURE_KEY
    query: { api-version: '2024-10-21' }
models:
  openai/text-embedding-3-small:
    name: Small
    context_length: 8192
    output_modalities: [embeddings]
    endpoints: [{ provider: openai, upstream_model: text-embedding-3-small, pricing: { prompt: 0.02, completion: 0 } }]
`,
  'test.yaml',
  {},
);

const job = (embeddings: object) =>
  chatJob({
    model: 'openai/text-embedding-3-small',
    stream: false,
    embeddings: { model: 'openai/text-embedding-3-small', input: ['a', 'b'], ...embeddings } as never,
    request: {
      model: 'openai/text-embedding-3-small',
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ],
    },
    endpoint: {
      upstreamModel: 'text-embedding-3-small',
      pricing: { prompt: 0.02e-6, completion: 0, request: 0 },
    },
  });

describe('buildEmbeddingsRequest', () => {
  it("posts the inputs and options to <base_url>/embeddings on the provider's model", () => {
    const request = buildEmbeddingsRequest(
      job({ encoding_format: 'base64', dimensions: 256, user: 'u1', provider: { sort: 'price' } }),
      catalog.provider('openai')!,
      'sk-test',
    );
    expect(request.url).toBe('https://api.openai.com/v1/embeddings');
    expect(request.headers).toMatchObject({
      authorization: 'Bearer sk-test',
      'content-type': 'application/json',
    });
    expect(JSON.parse(request.body)).toEqual({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      encoding_format: 'base64',
      dimensions: 256,
      user: 'u1',
    });
  });

  it("speaks Azure's dialect: deployment in the path, api-version, api-key header", () => {
    const request = buildEmbeddingsRequest(job({}), catalog.provider('azure')!, 'k');
    expect(request.url).toBe(
      'https://r.openai.azure.com/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21',
    );
    expect(request.headers['api-key']).toBe('k');
  });
});

describe('translateEmbeddings', () => {
  it('answers the vectors in input order under the generation id, priced from the reported count', () => {
    const { body, summary } = translateEmbeddings(job({}), {
      object: 'list',
      data: [
        { object: 'embedding', index: 1, embedding: [0.3, 0.4] },
        { object: 'embedding', index: 0, embedding: [0.1, 0.2] },
      ],
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
    expect(JSON.parse(body)).toEqual({
      id: 'gen-1',
      object: 'list',
      model: 'openai/text-embedding-3-small',
      provider: 'OpenAI',
      data: [
        { object: 'embedding', index: 0, embedding: [0.1, 0.2] },
        { object: 'embedding', index: 1, embedding: [0.3, 0.4] },
      ],
      usage: { prompt_tokens: 2, completion_tokens: 0, total_tokens: 2, cost: 0.00000004 },
    });
    expect(summary.usage.prompt_tokens).toBe(2);
    expect(summary.finishReason).toBe('stop');
  });

  it('counts the inputs itself when the provider reports no usage', () => {
    const { summary } = translateEmbeddings(job({}), { data: [{ index: 0, embedding: 'AAAA' }] });
    expect(summary.usage.usage_estimated).toBe(true);
    expect(summary.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('refuses a body that is not an embeddings list', () => {
    expect(() => translateEmbeddings(job({}), { choices: [] })).toThrow(GatewayError);
  });
});
