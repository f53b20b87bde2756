import type { ChatRequest } from '../../contracts';
import { buildGenerationConfig } from './build-generation-config';

const base: ChatRequest = { model: 'google/gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }] };

describe('buildGenerationConfig', () => {
  it.each<{ name: string; request: Partial<ChatRequest>; config: unknown }>([
    { name: 'nothing to configure', request: {}, config: undefined },
    {
      name: 'nulls, left out',
      request: { temperature: null, stop: null, max_tokens: null },
      config: undefined,
    },
    {
      name: 'the sampling fields',
      request: {
        max_tokens: 100,
        temperature: 0.2,
        top_p: 0.9,
        top_k: 40,
        seed: 7,
        stop: 'END',
        presence_penalty: 0.5,
        frequency_penalty: -0.5,
        logprobs: true,
        user: 'u-1',
      },
      config: {
        maxOutputTokens: 100,
        temperature: 0.2,
        topP: 0.9,
        topK: 40,
        seed: 7,
        stopSequences: ['END'],
        presencePenalty: 0.5,
        frequencyPenalty: -0.5,
      },
    },
    {
      name: 'max_completion_tokens, preferred to max_tokens; a stop list; temperature 0',
      request: { max_tokens: 100, max_completion_tokens: 50, stop: ['a', 'b'], temperature: 0 },
      config: { maxOutputTokens: 50, stopSequences: ['a', 'b'], temperature: 0 },
    },
    { name: 'a text response format', request: { response_format: { type: 'text' } }, config: undefined },
    {
      name: 'JSON mode',
      request: { response_format: { type: 'json_object' } },
      config: { responseMimeType: 'application/json' },
    },
    {
      name: 'a JSON schema',
      request: {
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'answer',
            strict: true,
            schema: { type: 'object', properties: { kind: { const: 'x' } }, additionalProperties: false },
          },
        },
      },
      config: {
        responseMimeType: 'application/json',
        responseJsonSchema: {
          type: 'object',
          properties: { kind: { enum: ['x'] } },
          additionalProperties: false,
        },
      },
    },
    {
      name: 'reasoning',
      request: { reasoning: { effort: 'low' } } as Partial<ChatRequest>,
      config: { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } },
    },
  ])('builds $name', ({ request, config }) => {
    expect(buildGenerationConfig({ ...base, ...request }, 'gemini-2.5-flash')).toEqual(config);
  });
});
