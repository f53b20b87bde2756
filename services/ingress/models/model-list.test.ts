import { loadCatalog } from '../../../libs/catalog';
import { formatPrice, toOpenRouterModel } from './model-list';

describe('formatPrice', () => {
  it.each([
    [0, '0'],
    [0.15e-6, '0.00000015'],
    [2e-6, '0.000002'],
    [1.1e-6, '0.0000011'],
    [0.5, '0.5'],
  ])('%p → %p', (price, text) => {
    expect(formatPrice(price)).toBe(text);
  });
});

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
