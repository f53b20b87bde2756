import { keepSupportedParameters } from './keep-supported-parameters';

const messages = [{ role: 'user', content: 'Hi' }];
const base = { model: 'm', messages, stream: true, stream_options: { include_usage: true } };
const tools = [{ type: 'function', function: { name: 'weather' } }];

describe('keepSupportedParameters', () => {
  it.each([
    {
      name: 'everything when the endpoint lists nothing',
      body: { ...base, temperature: 0.2, logit_bias: { 1: 2 } },
      supported: undefined,
      expected: { ...base, temperature: 0.2, logit_bias: { 1: 2 } },
    },
    {
      name: 'model, messages and streaming even with an empty list',
      body: { ...base, temperature: 0.2 },
      supported: [],
      expected: base,
    },
    {
      name: 'the listed parameters only',
      body: { ...base, temperature: 0.2, seed: 7, top_k: 40, user: 'u-1' },
      supported: ['temperature', 'seed'],
      expected: { ...base, temperature: 0.2, seed: 7 },
    },
    {
      name: 'max_completion_tokens when max_tokens is listed',
      body: { ...base, max_completion_tokens: 100 },
      supported: ['max_tokens'],
      expected: { ...base, max_completion_tokens: 100 },
    },
    {
      name: 'reasoning_effort when reasoning is listed',
      body: { ...base, reasoning_effort: 'high' },
      supported: ['reasoning'],
      expected: { ...base, reasoning_effort: 'high' },
    },
    {
      name: 'no reasoning_effort when reasoning is not listed',
      body: { ...base, reasoning_effort: 'high', temperature: 1 },
      supported: ['temperature'],
      expected: { ...base, temperature: 1 },
    },
    {
      name: 'tools with their choice and parallel calls',
      body: { ...base, tools, tool_choice: 'auto', parallel_tool_calls: false },
      supported: ['tools', 'tool_choice'],
      expected: { ...base, tools, tool_choice: 'auto', parallel_tool_calls: false },
    },
    {
      name: 'no tool choice once tools are dropped',
      body: { ...base, tools, tool_choice: 'auto', parallel_tool_calls: false },
      supported: ['tool_choice'],
      expected: base,
    },
  ])('keeps $name', ({ body, supported, expected }) => {
    expect(keepSupportedParameters(body, supported)).toEqual(expected);
  });
});
