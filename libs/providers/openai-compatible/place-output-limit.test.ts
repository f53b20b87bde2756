import type { MaxTokensField } from '../../catalog';
import { placeOutputLimit } from './place-output-limit';

describe('placeOutputLimit', () => {
  it.each<{
    name: string;
    body: Record<string, unknown>;
    field: MaxTokensField;
    expected: Record<string, unknown>;
  }>([
    {
      name: 'max_tokens for OpenAI, renamed',
      body: { model: 'o4-mini', max_tokens: 100 },
      field: 'max_completion_tokens',
      expected: { model: 'o4-mini', max_completion_tokens: 100 },
    },
    {
      name: 'max_completion_tokens for DeepSeek, renamed',
      body: { model: 'deepseek-v4-flash', max_completion_tokens: 100 },
      field: 'max_tokens',
      expected: { model: 'deepseek-v4-flash', max_tokens: 100 },
    },
    {
      name: 'both names, the current one winning',
      body: { max_tokens: 100, max_completion_tokens: 200 },
      field: 'max_tokens',
      expected: { max_tokens: 200 },
    },
    {
      name: 'a null limit, dropped',
      body: { model: 'm', max_tokens: null },
      field: 'max_completion_tokens',
      expected: { model: 'm' },
    },
    { name: 'no limit, left alone', body: { model: 'm' }, field: 'max_tokens', expected: { model: 'm' } },
  ])('sends $name', ({ body, field, expected }) => {
    expect(placeOutputLimit(body, field)).toEqual(expected);
  });
});
