import { GatewayError, type ChatRequest } from '../../contracts';
import { isReasoningExcluded, readReasoningRequest } from './openrouter-reasoning';

const request = (fields: Record<string, unknown>): ChatRequest => ({
  model: 'a/b',
  messages: [{ role: 'user', content: 'Hi' }],
  ...fields,
});

describe('readReasoningRequest', () => {
  it.each([
    { name: 'no reasoning fields', fields: {}, expected: { exclude: false } },
    { name: 'a null reasoning', fields: { reasoning: null }, expected: { exclude: false } },
    {
      name: 'an effort',
      fields: { reasoning: { effort: 'low' } },
      expected: { effort: 'low', exclude: false },
    },
    {
      name: 'a budget, enabled, excluded',
      fields: { reasoning: { max_tokens: 2000, enabled: true, exclude: true } },
      expected: { maxTokens: 2000, enabled: true, exclude: true },
    },
    {
      name: 'enabled: false',
      fields: { reasoning: { enabled: false } },
      expected: { enabled: false, exclude: false },
    },
    { name: 'include_reasoning: false', fields: { include_reasoning: false }, expected: { exclude: true } },
    { name: 'include_reasoning: true', fields: { include_reasoning: true }, expected: { exclude: false } },
    {
      name: 'fields it does not know, ignored',
      fields: { reasoning: { effort: 'high', summary: 'auto' } },
      expected: { effort: 'high', exclude: false },
    },
  ])('reads $name', ({ fields, expected }) => {
    expect(readReasoningRequest(request(fields))).toEqual(expected);
  });

  it.each([
    { name: 'an unknown effort', fields: { reasoning: { effort: 'extreme' } }, message: /reasoning\.effort/ },
    {
      name: 'a negative budget',
      fields: { reasoning: { max_tokens: -1 } },
      message: /reasoning\.max_tokens/,
    },
    { name: 'a reasoning that is not an object', fields: { reasoning: 'high' }, message: /reasoning:/ },
    { name: 'a string include_reasoning', fields: { include_reasoning: 'no' }, message: /include_reasoning/ },
  ])('rejects $name with a 400 naming the field', ({ fields, message }) => {
    let thrown: unknown;
    try {
      readReasoningRequest(request(fields));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect(thrown).toMatchObject({ status: 400, retryable: false, message: expect.stringMatching(message) });
  });
});

describe('isReasoningExcluded', () => {
  it.each([
    { fields: {}, expected: false },
    { fields: { reasoning: { exclude: true } }, expected: true },
    { fields: { reasoning: { exclude: false, effort: 'high' } }, expected: false },
    { fields: { include_reasoning: false }, expected: true },
    { fields: { reasoning: { exclude: 'yes' } }, expected: false },
  ])('is $expected for $fields', ({ fields, expected }) => {
    expect(isReasoningExcluded(request(fields))).toBe(expected);
  });
});
