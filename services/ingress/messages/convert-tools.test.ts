import { convertTools } from './convert-tools';
import type { AnthropicTool, AnthropicToolChoice } from './messages-request';

const weather: AnthropicTool = {
  name: 'get_weather',
  description: 'Weather in a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const weatherFunction = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe('convertTools', () => {
  it.each<[string, AnthropicTool[] | undefined, AnthropicToolChoice | undefined, unknown]>([
    ['no tools', undefined, undefined, {}],
    ['no tools, leaving out the choice OpenAI would refuse', [], { type: 'auto' }, {}],
    ['tools without a choice', [weather], undefined, { tools: [weatherFunction] }],
    [
      'a strict tool without a description',
      [{ name: 'f', input_schema: { type: 'object' }, strict: true }],
      undefined,
      {
        tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' }, strict: true } }],
      },
    ],
    ['auto', [weather], { type: 'auto' }, { tools: [weatherFunction], tool_choice: 'auto' }],
    ['any, as required', [weather], { type: 'any' }, { tools: [weatherFunction], tool_choice: 'required' }],
    ['none', [weather], { type: 'none' }, { tools: [weatherFunction], tool_choice: 'none' }],
    [
      'a named tool',
      [weather],
      { type: 'tool', name: 'get_weather' },
      { tools: [weatherFunction], tool_choice: { type: 'function', function: { name: 'get_weather' } } },
    ],
    [
      'disabled parallel tool use',
      [weather],
      { type: 'any', disable_parallel_tool_use: true },
      { tools: [weatherFunction], tool_choice: 'required', parallel_tool_calls: false },
    ],
    [
      'parallel tool use left enabled',
      [weather],
      { type: 'auto', disable_parallel_tool_use: false },
      { tools: [weatherFunction], tool_choice: 'auto' },
    ],
  ])('converts %s', (_case, tools, choice, expected) => {
    expect(convertTools(tools, choice)).toEqual(expected);
  });
});
