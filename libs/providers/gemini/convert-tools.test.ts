import type { ChatRequest } from '../../contracts';
import { convertTools } from './convert-tools';

const weather: NonNullable<ChatRequest['tools']>[number] = {
  type: 'function',
  function: {
    name: 'weather',
    description: 'Current weather',
    parameters: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { unit: { const: 'celsius' } },
    },
  },
};
const ping: NonNullable<ChatRequest['tools']>[number] = { type: 'function', function: { name: 'ping' } };
const declarations = [
  {
    functionDeclarations: [
      {
        name: 'weather',
        description: 'Current weather',
        parametersJsonSchema: { type: 'object', properties: { unit: { enum: ['celsius'] } } },
      },
      { name: 'ping' },
    ],
  },
];

describe('convertTools', () => {
  it.each<{
    name: string;
    tools: ChatRequest['tools'];
    choice: ChatRequest['tool_choice'];
    expected: unknown;
  }>([
    { name: 'no tools', tools: undefined, choice: undefined, expected: {} },
    { name: 'an empty list, with a choice', tools: [], choice: 'required', expected: {} },
    {
      name: 'tools without a choice',
      tools: [weather, ping],
      choice: undefined,
      expected: { tools: declarations },
    },
    {
      name: 'auto',
      tools: [weather, ping],
      choice: 'auto',
      expected: { tools: declarations, toolConfig: { functionCallingConfig: { mode: 'AUTO' } } },
    },
    {
      name: 'none',
      tools: [weather, ping],
      choice: 'none',
      expected: { tools: declarations, toolConfig: { functionCallingConfig: { mode: 'NONE' } } },
    },
    {
      name: 'required',
      tools: [weather, ping],
      choice: 'required',
      expected: { tools: declarations, toolConfig: { functionCallingConfig: { mode: 'ANY' } } },
    },
    {
      name: 'a named function',
      tools: [weather, ping],
      choice: { type: 'function', function: { name: 'ping' } },
      expected: {
        tools: declarations,
        toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['ping'] } },
      },
    },
  ])('converts $name', ({ tools, choice, expected }) => {
    expect(convertTools(tools, choice)).toEqual(expected);
  });
});
