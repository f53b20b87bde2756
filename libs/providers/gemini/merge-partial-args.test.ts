import type { PartialArg } from './gemini-api';
import { mergePartialArgs } from './merge-partial-args';

const text = (jsonPath: string, stringValue: string, willContinue?: boolean): PartialArg => ({
  jsonPath,
  stringValue,
  ...(willContinue !== undefined && { willContinue }),
});

describe('mergePartialArgs', () => {
  it.each<{ name: string; args: Record<string, unknown>; partial: PartialArg[]; expected: unknown }>([
    {
      name: 'a string value',
      args: {},
      partial: [text('$.location', 'Boston', true)],
      expected: { location: 'Boston' },
    },
    {
      name: 'a string continued, then closed by an empty piece',
      args: { location: 'San ' },
      partial: [text('$.location', 'Francisco', true), text('$.location', '')],
      expected: { location: 'San Francisco' },
    },
    {
      name: 'numbers, booleans and null',
      args: {},
      partial: [
        { jsonPath: '$.brightness', numberValue: 50 },
        { jsonPath: '$.on', boolValue: false },
        { jsonPath: '$.room', nullValue: 'NULL_VALUE' },
      ],
      expected: { brightness: 50, on: false, room: null },
    },
    {
      name: 'nested objects and arrays',
      args: {},
      partial: [
        text('$.recipe.name', 'Lasagna'),
        text('$.recipe.ingredients[0].name', 'Noodles'),
        { jsonPath: '$.recipe.ingredients[1].grams', numberValue: 200 },
        text('$[\'odd key\']["x"]', 'y'),
      ],
      expected: {
        recipe: { name: 'Lasagna', ingredients: [{ name: 'Noodles' }, { grams: 200 }] },
        'odd key': { x: 'y' },
      },
    },
    {
      name: 'pieces without a value or a readable path, skipped',
      args: { a: 1 },
      partial: [
        { jsonPath: '$.b', willContinue: true },
        text('location', 'x'),
        text('$', 'x'),
        text('$.a..b', 'x'),
      ],
      expected: { a: 1 },
    },
    {
      name: '__proto__ as a plain key',
      args: {},
      partial: [text('$.__proto__.polluted', 'yes')],
      expected: JSON.parse('{"__proto__":{"polluted":"yes"}}'),
    },
  ])('merges $name', ({ args, partial, expected }) => {
    const before = structuredClone(args);
    const merged = mergePartialArgs(args, partial);
    expect(JSON.stringify(merged)).toBe(JSON.stringify(expected));
    expect(args).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
