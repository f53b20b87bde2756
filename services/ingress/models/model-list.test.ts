import { loadCatalog } from '../../../libs/catalog';
import { toOpenRouterModel } from './model-list';

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
