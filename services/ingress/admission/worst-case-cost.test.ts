import { parseCatalog } from '../../../libs/catalog';
import type { ChatRequest } from '../../../libs/contracts';
import { worstCaseCost } from './worst-case-cost';

const catalog = parseCatalog(
  `
providers:
  cheap: { name: Cheap, family: openai-compatible, base_url: 'http://127.0.0.1:1/v1' }
  dear: { name: Dear, family: openai-compatible, base_url: 'http://127.0.0.1:2/v1' }
models:
  test/a:
    name: A
    context_length: 1000
    endpoints:
      - { provider: cheap, upstream_model: a, pricing: { prompt: 1, completion: 2 }, max_completion_tokens: 100 }
      - { provider: dear, upstream_model: a, pricing: { prompt: 10, completion: 20, request: 0.5 } }
  test/b:
    name: B
    context_length: 50
    endpoints:
      - { provider: cheap, upstream_model: b, pricing: { prompt: 1, completion: 1 } }
  test/cached:
    name: Cached
    context_length: 50
    endpoints:
      - provider: cheap
        upstream_model: c
        pricing: { prompt: 2, completion: 1, input_cache_read: 0.2, input_cache_write: 2.5 }
presets:
  mixed:
    variants:
      - { name: one, weight: 1, model: test/b }
      - { name: two, weight: 1, model: test/a }
`,
  'test.yaml',
  {},
);

const ask = (overrides: Partial<ChatRequest>): ChatRequest => ({
  model: 'test/b',
  messages: [{ role: 'user', content: 'héllo' }],
  ...overrides,
});

describe('worstCaseCost', () => {
  it('bounds the prompt by its UTF-8 bytes and a few tokens per message', () => {
    // "héllo" is 6 bytes; one message adds 8.
    expect(worstCaseCost(ask({}), catalog).promptTokens).toBe(14);
  });

  it('prices max_tokens at the most expensive endpoint, with its per-request price', () => {
    const worst = worstCaseCost(ask({ model: 'test/a', max_tokens: 10 }), catalog);
    expect(worst.completionTokens).toBe(10);
    expect(worst.cost).toBeCloseTo(14 * 10e-6 + 10 * 20e-6 + 0.5, 12);
    expect(worst).toMatchObject({ completionPrice: 20e-6 });
    expect(worst.fixedCost).toBeCloseTo(14 * 10e-6 + 0.5, 12);
  });

  it('bounds the prompt at the cache-write price when it is above the prompt price', () => {
    const worst = worstCaseCost(ask({ model: 'test/cached', max_tokens: 10 }), catalog);
    expect(worst.fixedCost).toBeCloseTo(14 * 2.5e-6, 12);
  });

  it("without max_tokens, takes the endpoint's own maximum, else its whole context", () => {
    expect(worstCaseCost(ask({ model: 'test/b' }), catalog).completionTokens).toBe(50);
    const onlyCheap = worstCaseCost(ask({ model: 'test/a' }), catalog, new Set(['dear']));
    expect(onlyCheap.completionTokens).toBe(100);
  });

  it('takes every model the request may fall back to, and every variant of a preset', () => {
    const fallback = worstCaseCost(ask({ model: 'test/b', models: ['test/a'], max_tokens: 1 }), catalog);
    expect(fallback.completionPrice).toBe(20e-6);
    expect(worstCaseCost(ask({ model: '@preset/mixed', max_tokens: 1 }), catalog).completionPrice).toBe(
      20e-6,
    );
  });

  it('routes a model variant among the endpoints of its model', () => {
    expect(worstCaseCost(ask({ model: 'test/a:nitro', max_tokens: 1 }), catalog).cost).toBeGreaterThan(0.5);
  });

  it('costs nothing for endpoints the key pays for itself, or for a model not in the catalog', () => {
    expect(worstCaseCost(ask({ model: 'test/b' }), catalog, new Set(['cheap'])).cost).toBe(0);
    expect(worstCaseCost(ask({ model: 'nobody/knows' }), catalog).cost).toBe(0);
  });

  it('counts an image at a fixed bound, whatever its encoded size, and tools and schemas as text', () => {
    const image = {
      type: 'image_url' as const,
      image_url: { url: `data:image/png;base64,${'A'.repeat(100_000)}` },
    };
    const withImage = worstCaseCost(ask({ messages: [{ role: 'user', content: [image] }] }), catalog);
    expect(withImage.promptTokens).toBe(2500 + 8);
    const tools = [{ type: 'function' as const, function: { name: 'f', parameters: { type: 'object' } } }];
    const withTools = worstCaseCost(ask({ tools }), catalog);
    expect(withTools.promptTokens).toBe(14 + Buffer.byteLength(JSON.stringify(tools)));
  });

  it('estimates tokens for the per-minute limit at about four bytes each', () => {
    expect(
      worstCaseCost(ask({ messages: [{ role: 'user', content: 'x'.repeat(400) }] }), catalog).estimatedTokens,
    ).toBe(100);
  });
});
