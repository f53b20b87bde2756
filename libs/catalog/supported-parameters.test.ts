import { supportsParameter, unsupportedParameters } from './supported-parameters';

describe('supportsParameter', () => {
  it.each([
    ['a listed field', ['temperature'], 'temperature', true],
    ['tool_choice with tools', ['tools'], 'tool_choice', true],
    ['parallel_tool_calls with tools', ['tools'], 'parallel_tool_calls', true],
    ['max_completion_tokens with max_tokens', ['max_tokens'], 'max_completion_tokens', true],
    ['top_logprobs with logprobs', ['logprobs'], 'top_logprobs', true],
    ['reasoning_effort with reasoning', ['reasoning'], 'reasoning_effort', true],
    ['an unlisted field', ['temperature'], 'top_k', false],
  ])('%s', (_case, supported, parameter, expected) => {
    expect(supportsParameter(supported, parameter)).toBe(expected);
  });
});

describe('unsupportedParameters', () => {
  it('lists what the endpoint does not take; nothing without a list', () => {
    expect(unsupportedParameters(['temperature', 'top_k', 'tool_choice'], ['temperature', 'tools'])).toEqual([
      'top_k',
    ]);
    expect(unsupportedParameters(['top_k'], undefined)).toEqual([]);
  });
});
