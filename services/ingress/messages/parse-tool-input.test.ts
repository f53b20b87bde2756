import { parseToolInput } from './parse-tool-input';

describe('parseToolInput', () => {
  it.each([
    ['an object', '{"city":"Paris","days":[1,2]}', { city: 'Paris', days: [1, 2] }],
    ['no arguments', '', {}],
    ['broken JSON', '{"city":"Par', {}],
    ['an array', '[1]', {}],
    ['null', 'null', {}],
  ])('reads %s', (_case, argumentsJson, expected) => {
    expect(parseToolInput(argumentsJson)).toEqual(expected);
  });
});
