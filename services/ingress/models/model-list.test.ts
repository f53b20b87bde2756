import { loadCatalog, parseCatalog } from '../../../libs/catalog';
import { selectModels, toOpenRouterModel } from './model-list';

describe('toOpenRouterModel', () => {
  it('renders a catalog model in OpenRouter shape', () => {
    const model = loadCatalog('config/catalog.yaml', {}).model('openai/gpt-4o-mini')!;
    expect(toOpenRouterModel(model)).toMatchObject({
      id: 'openai/gpt-4o-mini',
      canonical_slug: 'openai/gpt-4o-mini',
      created: Date.UTC(2024, 6, 18) / 1000,
      context_length: 128000,
      architecture: { modality: 'text+image->text', input_modalities: ['text', 'image'] },
      pricing: { prompt: '0.00000015', completion: '0.0000006', request: '0' },
      top_provider: { context_length: 128000, max_completion_tokens: 16384, is_moderated: false },
    });
  });
});

describe('selectModels', () => {
  const catalog = parseCatalog(
    `
providers:
  p: { name: P, family: openai-compatible, base_url: 'http://127.0.0.1:1/v1' }
models:
  a/coder:
    name: Coder
    context_length: 100
    supported_parameters: [tools, response_format, temperature]
    categories: [programming]
    hugging_face_id: a/Coder-7B
    default_parameters: { temperature: 0.2 }
    endpoints: [{ provider: p, upstream_model: c, pricing: { prompt: 1, completion: 1 } }]
  a/chat:
    name: Chat
    context_length: 100
    supported_parameters: [temperature]
    endpoints: [{ provider: p, upstream_model: h, pricing: { prompt: 1, completion: 1 } }]
  a/unlisted:
    name: Unlisted
    context_length: 100
    endpoints: [{ provider: p, upstream_model: u, pricing: { prompt: 1, completion: 1 } }]
`,
    'test.yaml',
    {},
  );
  const ids = (filters: Parameters<typeof selectModels>[1]) =>
    selectModels(catalog, filters).map((m) => m.id);

  it.each([
    ['no filter: every model', {}, ['a/coder', 'a/chat', 'a/unlisted']],
    [
      'models that declare every parameter asked',
      { supported_parameters: 'tools, response_format' },
      ['a/coder'],
    ],
    ['one parameter', { supported_parameters: 'temperature' }, ['a/coder', 'a/chat']],
    ['a category, in any case', { category: 'Programming' }, ['a/coder']],
    ['a category nobody has', { category: 'roleplay' }, []],
  ])('%s', (_case, filters, expected) => {
    expect(ids(filters)).toEqual(expected);
  });

  it('lists the Hugging Face id and default parameters, null where the catalog has none', () => {
    expect(toOpenRouterModel(catalog.model('a/coder')!)).toMatchObject({
      hugging_face_id: 'a/Coder-7B',
      default_parameters: { temperature: 0.2 },
    });
    expect(toOpenRouterModel(catalog.model('a/chat')!)).toMatchObject({
      hugging_face_id: null,
      default_parameters: null,
    });
  });
});
