import type { ChatRequest } from '../../contracts';
import { answersThroughJsonTool, structuredOutputFormat } from './response-format';

type ResponseFormat = ChatRequest['response_format'];

const jsonSchema = (schema?: Record<string, unknown>): ResponseFormat => ({
  type: 'json_schema',
  json_schema: { name: 'answer', ...(schema && { schema }) },
});

describe('answersThroughJsonTool', () => {
  it.each<{ name: string; format: ResponseFormat; expected: boolean }>([
    { name: 'json_object', format: { type: 'json_object' }, expected: true },
    { name: 'json_schema without a schema', format: jsonSchema(), expected: true },
    { name: 'json_schema with a schema', format: jsonSchema({ type: 'object' }), expected: false },
    { name: 'text', format: { type: 'text' }, expected: false },
    { name: 'no format', format: undefined, expected: false },
  ])('says $expected for $name', ({ format, expected }) => {
    expect(answersThroughJsonTool({ response_format: format })).toBe(expected);
  });
});

describe('structuredOutputFormat', () => {
  it.each<{ name: string; format: ResponseFormat; expected: unknown }>([
    { name: 'no format', format: undefined, expected: undefined },
    { name: 'json_object', format: { type: 'json_object' }, expected: undefined },
    { name: 'json_schema without a schema', format: jsonSchema(), expected: undefined },
    {
      name: 'a strict schema, unchanged',
      format: jsonSchema({
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
        additionalProperties: false,
      }),
      expected: {
        type: 'json_schema',
        schema: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
          additionalProperties: false,
        },
      },
    },
    {
      name: 'open objects, closed at every depth',
      format: jsonSchema({
        type: 'object',
        properties: {
          elements: {
            type: 'array',
            items: { type: 'object', properties: { location: { type: 'string' } } },
          },
          properties: { type: ['object', 'null'], properties: {} },
          choice: { anyOf: [{ type: 'object', properties: {} }, { type: 'string' }] },
          ref: { $ref: '#/$defs/place' },
        },
        $defs: { place: { type: 'object', properties: { name: { type: 'string' } } } },
      }),
      expected: {
        type: 'json_schema',
        schema: {
          type: 'object',
          properties: {
            elements: {
              type: 'array',
              items: {
                type: 'object',
                properties: { location: { type: 'string' } },
                additionalProperties: false,
              },
            },
            properties: { type: ['object', 'null'], properties: {}, additionalProperties: false },
            choice: {
              anyOf: [{ type: 'object', properties: {}, additionalProperties: false }, { type: 'string' }],
            },
            ref: { $ref: '#/$defs/place' },
          },
          $defs: {
            place: { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false },
          },
          additionalProperties: false,
        },
      },
    },
    {
      name: 'an object that says it is open, left as it says (Anthropic answers)',
      format: jsonSchema({ type: 'object', additionalProperties: { type: 'number' } }),
      expected: { type: 'json_schema', schema: { type: 'object', additionalProperties: { type: 'number' } } },
    },
  ])('asks for $name', ({ format, expected }) => {
    expect(structuredOutputFormat({ response_format: format })).toEqual(expected);
  });
});
