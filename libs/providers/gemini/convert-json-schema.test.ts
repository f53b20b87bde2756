import { toGeminiJsonSchema } from './convert-json-schema';

describe('toGeminiJsonSchema', () => {
  it.each([
    {
      name: 'a plain schema, unchanged',
      schema: {
        type: 'object',
        properties: { city: { type: 'string', description: 'City name' } },
        required: ['city'],
        additionalProperties: false,
      },
      expected: {
        type: 'object',
        properties: { city: { type: 'string', description: 'City name' } },
        required: ['city'],
        additionalProperties: false,
      },
    },
    {
      name: 'the dialect, dropped',
      schema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'string' },
      expected: { type: 'string' },
    },
    {
      name: 'const, as a one-value enum, however deep',
      schema: {
        type: 'object',
        properties: {
          kind: { const: 'circle' },
          shapes: { type: 'array', items: { anyOf: [{ const: 1 }, { type: 'null' }] } },
        },
        $defs: { flag: { const: true } },
      },
      expected: {
        type: 'object',
        properties: {
          kind: { enum: ['circle'] },
          shapes: { type: 'array', items: { anyOf: [{ enum: [1] }, { type: 'null' }] } },
        },
        $defs: { flag: { enum: [true] } },
      },
    },
    {
      name: 'properties named like keywords, kept',
      schema: { type: 'object', properties: { const: { type: 'string' }, $schema: { type: 'string' } } },
      expected: { type: 'object', properties: { const: { type: 'string' }, $schema: { type: 'string' } } },
    },
    {
      name: 'an explicit enum, preferred over const',
      schema: { const: 'a', enum: ['a'] },
      expected: { enum: ['a'] },
    },
    { name: 'a boolean schema, unchanged', schema: true, expected: true },
  ])('converts $name', ({ schema, expected }) => {
    expect(toGeminiJsonSchema(schema)).toEqual(expected);
  });
});
