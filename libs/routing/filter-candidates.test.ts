import type { ProviderPreferences } from '../contracts';
import { filterCandidates } from './filter-candidates';
import { candidate, providersOf } from './test-candidates';

const candidates = [
  candidate('cheap', {
    prompt: 0.5,
    completion: 1,
    endpoint: { quantization: 'fp8', dataCollection: 'deny' },
    distillable: true,
  }),
  candidate('mid', {
    prompt: 2,
    completion: 4,
    endpoint: { quantization: 'int4', supportedParameters: ['tools'], zdr: true },
  }),
  candidate('free', { prompt: 0, completion: 0 }),
  candidate('dear', {
    prompt: 10,
    completion: 30,
    endpoint: { quantization: 'bf16', dataCollection: 'deny', supportedParameters: ['temperature'] },
  }),
];

const run = (provider: ProviderPreferences, parameters: string[] = [], freeOnly = false) =>
  filterCandidates(candidates, { provider, parameters, freeOnly });

describe('filterCandidates', () => {
  it.each<[string, ProviderPreferences, string[], boolean, string[], Record<string, string>]>([
    ['no preferences keep all', {}, [], false, ['cheap', 'mid', 'free', 'dear'], {}],
    [
      'only',
      { only: ['mid', 'dear'] },
      [],
      false,
      ['mid', 'dear'],
      {
        cheap: 'not in provider.only',
        free: 'not in provider.only',
      },
    ],
    ['ignore', { ignore: ['cheap'] }, [], false, ['mid', 'free', 'dear'], { cheap: 'in provider.ignore' }],
    [
      'quantizations: unset counts as unknown',
      { quantizations: ['fp8', 'unknown'] },
      [],
      false,
      ['cheap', 'free'],
      {
        mid: 'quantization int4 not in provider.quantizations',
        dear: 'quantization bf16 not in provider.quantizations',
      },
    ],
    [
      'data_collection deny',
      { data_collection: 'deny' },
      [],
      false,
      ['cheap', 'dear'],
      {
        mid: 'may collect data; provider.data_collection is deny',
        free: 'may collect data; provider.data_collection is deny',
      },
    ],
    [
      'data_collection allow keeps all',
      { data_collection: 'allow' },
      [],
      false,
      ['cheap', 'mid', 'free', 'dear'],
      {},
    ],
    [
      'require_parameters: tools covers tool_choice; no list accepts all',
      { require_parameters: true },
      ['tools', 'tool_choice', 'temperature'],
      false,
      ['cheap', 'free'],
      {
        mid: 'does not support temperature (provider.require_parameters)',
        dear: 'does not support tools, tool_choice',
      },
    ],
    [
      'sampling parameters without require_parameters filter nothing',
      {},
      ['temperature', 'seed'],
      false,
      ['cheap', 'mid', 'free', 'dear'],
      {},
    ],
    [
      'tools and response_format filter without require_parameters: dropping them changes the answer',
      {},
      ['tools', 'response_format'],
      false,
      ['cheap', 'free'],
      { mid: 'does not support response_format', dear: 'does not support tools, response_format' },
    ],
    [
      'zdr',
      { zdr: true },
      [],
      false,
      ['mid'],
      {
        cheap: 'retains data; provider.zdr is true',
        free: 'retains data; provider.zdr is true',
        dear: 'retains data; provider.zdr is true',
      },
    ],
    [
      'enforce_distillable_text',
      { enforce_distillable_text: true },
      [],
      false,
      ['cheap'],
      {
        mid: 'model does not allow distillation; provider.enforce_distillable_text is true',
        free: 'model does not allow distillation; provider.enforce_distillable_text is true',
        dear: 'model does not allow distillation; provider.enforce_distillable_text is true',
      },
    ],
    [
      'max_price per million tokens',
      { max_price: { prompt: 2, completion: 3 } },
      [],
      false,
      ['cheap', 'free'],
      {
        mid: 'completion price above provider.max_price',
        dear: 'prompt, completion price above provider.max_price',
      },
    ],
    [
      'max_price at the price keeps it',
      { max_price: { prompt: 10, completion: 30 } },
      [],
      false,
      ['cheap', 'mid', 'free', 'dear'],
      {},
    ],
    [
      'the :free suffix',
      {},
      [],
      true,
      ['free'],
      {
        cheap: 'not free (:free)',
        mid: 'not free (:free)',
        dear: 'not free (:free)',
      },
    ],
  ])('%s', (_case, provider, parameters, freeOnly, kept, reasons) => {
    const result = run(provider, parameters, freeOnly);
    expect(providersOf(result.kept)).toEqual(kept);
    expect(Object.fromEntries(result.excluded.map((e) => [e.provider, e.reason]))).toEqual(reasons);
  });

  it('names the model of each excluded endpoint', () => {
    expect(run({ only: ['mid'] }).excluded[0]).toEqual({
      provider: 'cheap',
      model: 'x/one',
      reason: 'not in provider.only',
    });
  });

  it('excludes by the per-request price of max_price.request', () => {
    const paid = candidate('paid', { endpoint: { pricing: { prompt: 0, completion: 0, request: 0.01 } } });
    const result = filterCandidates([paid], {
      provider: { max_price: { request: 0.001 } },
      parameters: [],
      freeOnly: false,
    });
    expect(result.excluded.map((e) => e.reason)).toEqual(['request price above provider.max_price']);
  });
});

describe('filterCandidates by operation', () => {
  const chat = candidate('chat');
  const embedder = candidate('embedder');
  embedder.model.outputModalities = ['embeddings'];

  it('sends embeddings only to embedding models, and chat never to them', () => {
    const base = { provider: {}, parameters: [], freeOnly: false };
    expect(providersOf(filterCandidates([chat, embedder], { ...base, embeddings: true }).kept)).toEqual([
      'embedder',
    ]);
    const forChat = filterCandidates([chat, embedder], base);
    expect(providersOf(forChat.kept)).toEqual(['chat']);
    expect(forChat.excluded).toEqual([
      { provider: 'embedder', model: 'x/one', reason: 'an embedding model: it serves POST /embeddings' },
    ]);
  });
});
