import { exampleFromSchema, exampleObject } from './schema-example';

describe('exampleFromSchema', () => {
  it.each<[string, unknown, unknown]>([
    ['string', { type: 'string' }, 'example'],
    ['number', { type: 'number' }, 1],
    ['integer', { type: 'integer' }, 1],
    ['boolean', { type: 'boolean' }, true],
    ['array', { type: 'array', items: { type: 'string' } }, []],
    ['enum, first value', { type: 'string', enum: ['celsius', 'fahrenheit'] }, 'celsius'],
    ['const', { const: 'fixed' }, 'fixed'],
    ['nullable type list', { type: ['null', 'string'] }, 'example'],
    ['anyOf, first non-null', { anyOf: [{ type: 'null' }, { type: 'integer' }] }, 1],
    ['untyped', {}, null],
    [
      "Gemini's capitalised types",
      { type: 'OBJECT', properties: { n: { type: 'INTEGER' }, s: { type: 'STRING', nullable: true } } },
      { n: 1, s: 'example' },
    ],
    ['anyOf with a capitalised NULL', { anyOf: [{ type: 'NULL' }, { type: 'BOOLEAN' }] }, true],
    [
      'required properties only',
      { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['b'] },
      { b: 1 },
    ],
    [
      'every property when none is required, nested objects too',
      {
        type: 'object',
        properties: {
          a: { type: 'string' },
          inner: { type: 'object', properties: { on: { type: 'boolean' } } },
        },
      },
      { a: 'example', inner: { on: true } },
    ],
  ])('%s', (_name, schema, expected) => {
    expect(exampleFromSchema(schema)).toEqual(expected);
  });
});

describe('exampleObject', () => {
  it('is an empty object for a missing or empty schema', () => {
    expect(exampleObject(undefined)).toEqual({});
    expect(exampleObject({})).toEqual({});
  });
});
