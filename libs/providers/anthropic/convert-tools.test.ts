import type { ChatRequest } from '../../contracts';
import { convertTools } from './convert-tools';

const weatherParameters = {
  type: 'object',
  properties: { city: { type: 'string' } },
  required: ['city'],
};
const weather = {
  type: 'function' as const,
  function: { name: 'weather', description: 'Weather in a city', parameters: weatherParameters },
};
const anthropicWeather = {
  name: 'weather',
  description: 'Weather in a city',
  input_schema: weatherParameters,
};

describe('convertTools', () => {
  it.each<{
    name: string;
    request: Pick<ChatRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls'>;
    expected: unknown;
  }>([
    { name: 'no tools', request: {}, expected: {} },
    { name: 'no tools, whatever the choice', request: { tools: [], tool_choice: 'required' }, expected: {} },
    { name: 'tools with no choice', request: { tools: [weather] }, expected: { tools: [anthropicWeather] } },
    {
      name: 'a tool without parameters or description',
      request: { tools: [{ type: 'function', function: { name: 'now' } }] },
      expected: { tools: [{ name: 'now', input_schema: { type: 'object', properties: {} } }] },
    },
    {
      name: 'a strict tool',
      request: { tools: [{ type: 'function', function: { ...weather.function, strict: true } }] },
      expected: { tools: [{ ...anthropicWeather, strict: true }] },
    },
    {
      name: 'choice auto',
      request: { tools: [weather], tool_choice: 'auto' },
      expected: { tools: [anthropicWeather], tool_choice: { type: 'auto' } },
    },
    {
      name: 'choice none',
      request: { tools: [weather], tool_choice: 'none' },
      expected: { tools: [anthropicWeather], tool_choice: { type: 'none' } },
    },
    {
      name: 'choice required as any',
      request: { tools: [weather], tool_choice: 'required' },
      expected: { tools: [anthropicWeather], tool_choice: { type: 'any' } },
    },
    {
      name: 'a named choice',
      request: { tools: [weather], tool_choice: { type: 'function', function: { name: 'weather' } } },
      expected: { tools: [anthropicWeather], tool_choice: { type: 'tool', name: 'weather' } },
    },
    {
      name: 'no parallel calls, with no choice',
      request: { tools: [weather], parallel_tool_calls: false },
      expected: { tools: [anthropicWeather], tool_choice: { type: 'auto', disable_parallel_tool_use: true } },
    },
    {
      name: 'no parallel calls, with choice required',
      request: { tools: [weather], tool_choice: 'required', parallel_tool_calls: false },
      expected: { tools: [anthropicWeather], tool_choice: { type: 'any', disable_parallel_tool_use: true } },
    },
    {
      name: 'no parallel calls, with a named choice',
      request: {
        tools: [weather],
        tool_choice: { type: 'function', function: { name: 'weather' } },
        parallel_tool_calls: false,
      },
      expected: {
        tools: [anthropicWeather],
        tool_choice: { type: 'tool', name: 'weather', disable_parallel_tool_use: true },
      },
    },
    {
      name: 'no parallel calls, with choice none (nothing to disable)',
      request: { tools: [weather], tool_choice: 'none', parallel_tool_calls: false },
      expected: { tools: [anthropicWeather], tool_choice: { type: 'none' } },
    },
    {
      name: 'parallel calls allowed, as by default',
      request: { tools: [weather], parallel_tool_calls: true },
      expected: { tools: [anthropicWeather] },
    },
  ])('converts $name', ({ request, expected }) => {
    expect(convertTools(request)).toEqual(expected);
  });
});
