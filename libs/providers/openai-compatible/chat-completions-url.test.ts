import type { ProviderConfig } from '../../catalog';
import { chatCompletionsUrl } from './chat-completions-url';

const provider = (fields: Partial<ProviderConfig>): ProviderConfig => ({
  id: 'p',
  name: 'P',
  family: 'openai-compatible',
  baseUrl: 'https://api.openai.com/v1',
  headers: {},
  ...fields,
});

describe('chatCompletionsUrl', () => {
  it.each<{ name: string; fields: Partial<ProviderConfig>; model: string; url: string }>([
    {
      name: 'a plain base URL',
      fields: {},
      model: 'gpt-4.1',
      url: 'https://api.openai.com/v1/chat/completions',
    },
    {
      name: "Azure's deployment in the path, with its api-version",
      fields: {
        baseUrl: 'https://my-resource.openai.azure.com/openai/deployments/{model}',
        query: { 'api-version': '2024-10-21' },
      },
      model: 'gpt-4o-mini',
      url: 'https://my-resource.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21',
    },
    {
      name: 'a model name that needs escaping in a path',
      fields: { baseUrl: 'http://127.0.0.1:8000/{model}/v1' },
      model: 'org/model name',
      url: 'http://127.0.0.1:8000/org%2Fmodel%20name/v1/chat/completions',
    },
    {
      name: 'several query parameters, escaped',
      fields: { query: { 'api-version': '2024-10-21', tag: 'a b&c' } },
      model: 'm',
      url: 'https://api.openai.com/v1/chat/completions?api-version=2024-10-21&tag=a+b%26c',
    },
    {
      name: 'a simulator scenario path',
      fields: { baseUrl: 'http://127.0.0.1:4010/scenario/fail=500/v1' },
      model: 'echo',
      url: 'http://127.0.0.1:4010/scenario/fail=500/v1/chat/completions',
    },
  ])('addresses $name', ({ fields, model, url }) => {
    expect(chatCompletionsUrl(provider(fields), model)).toBe(url);
  });
});
