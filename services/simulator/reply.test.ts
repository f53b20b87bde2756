import {
  completeReply,
  countPromptTokens,
  countWords,
  planReply,
  splitArguments,
  tokenize,
  type ReplyPlan,
  type ReplyRequest,
} from './reply';

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer' } },
      required: ['city'],
    },
  },
};
const clockTool = { type: 'function', function: { name: 'get_time' } };
const user = (content: unknown) => ({ role: 'user', content });

describe('planReply', () => {
  it.each<[string, ReplyRequest, ReplyPlan]>([
    [
      'echoes the last user message',
      { messages: [user('first'), user('Hello there')] },
      text('Echo: Hello there'),
    ],
    [
      'joins the text parts of array content',
      {
        messages: [user([{ type: 'text', text: 'a b' }, { type: 'image_url' }, { type: 'text', text: 'c' }])],
      },
      text('Echo: a b c'),
    ],
    ['says (empty) for an empty message', { messages: [user('  ')] }, text('Echo: (empty)')],
    [
      'says (empty) without a user message',
      { messages: [{ role: 'system', content: 'x' }] },
      text('Echo: (empty)'),
    ],
    [
      'reports a tool result, even when tools are offered',
      { messages: [user('hi'), { role: 'tool', content: 'sunny, 21C' }], tools: [weatherTool] },
      text('Tool result: sunny, 21C'),
    ],
    [
      'calls the first tool with its required parameters',
      { messages: [user('Weather?')], tools: [weatherTool, clockTool] },
      call('get_weather', '{"city":"example"}'),
    ],
    [
      'calls the tool tool_choice names',
      {
        messages: [user('Time?')],
        tools: [weatherTool, clockTool],
        tool_choice: { type: 'function', function: { name: 'get_time' } },
      },
      call('get_time', '{}'),
    ],
    [
      'ignores tools when tool_choice is none',
      { messages: [user('hi')], tools: [weatherTool], tool_choice: 'none' },
      text('Echo: hi'),
    ],
    [
      'answers json_schema with an example of the schema',
      {
        messages: [user('hi')],
        response_format: {
          type: 'json_schema',
          json_schema: { schema: { type: 'object', properties: { ok: { type: 'boolean' } } } },
        },
      },
      text('{"ok":true}'),
    ],
    [
      'answers json_object by echoing into a field',
      { messages: [user('hi there')], response_format: { type: 'json_object' } },
      text('{"echo":"hi there"}'),
    ],
  ])('%s', (_name, request, expected) => {
    expect(planReply(request)).toEqual(expected);
  });
});

describe('completeReply', () => {
  it('cuts the text to max_tokens with finish_reason length', () => {
    const completion = completeReply({ messages: [user('one two three four')], max_tokens: 2 });
    expect(completion.tokens).toEqual(['Echo: ', 'one ']);
    expect(completion.finishReason).toBe('length');
    expect(completion.usage).toEqual({ promptTokens: 5, completionTokens: 2 });
  });

  it('prefers max_completion_tokens and stops normally when the text fits', () => {
    const completion = completeReply({ messages: [user('a b')], max_tokens: 1, max_completion_tokens: 10 });
    expect(completion.tokens.join('')).toBe('Echo: a b');
    expect(completion.finishReason).toBe('stop');
  });

  it('counts one completion token per streamed argument fragment', () => {
    const completion = completeReply({ messages: [user('Weather?')], tools: [weatherTool] });
    expect(completion.finishReason).toBe('tool_calls');
    expect(completion.usage.completionTokens).toBe(splitArguments('{"city":"example"}').length);
  });
});

describe('tokenize', () => {
  it.each([
    ['Echo: Hello there', ['Echo: ', 'Hello ', 'there']],
    ['  lead and trail  ', ['  lead ', 'and ', 'trail  ']],
    ['line\n\nbreak', ['line\n\n', 'break']],
    ['   ', ['   ']],
    ['', []],
  ])('%j', (input, tokens) => {
    expect(tokenize(input)).toEqual(tokens);
    expect(tokenize(input).join('')).toBe(input);
  });
});

describe('countPromptTokens', () => {
  it('counts words of every message plus one per message', () => {
    const messages = [
      { role: 'system', content: 'Be brief.' },
      user([{ type: 'text', text: 'Hello there' }]),
      { role: 'assistant', content: null },
    ];
    expect(countPromptTokens(messages)).toBe(2 + 1 + 2 + 1 + 0 + 1);
  });
});

describe('countWords', () => {
  it.each<[string, number]>([
    ['', 0],
    ['   ', 0],
    ['Hello there, simulator', 3],
    ['  leading\tand\ntrailing  ', 3],
  ])('counts %p as %i', (input, count) => {
    expect(countWords(input)).toBe(count);
  });
});

describe('splitArguments', () => {
  it('splits into fragments of four characters without breaking a code point', () => {
    expect(splitArguments('{"a":"😀x"}')).toEqual(['{"a"', ':"😀x', '"}']);
  });
});

function text(value: string): ReplyPlan {
  return { kind: 'text', text: value };
}

function call(name: string, args: string): ReplyPlan {
  return { kind: 'tool_calls', calls: [{ id: 'call_sim_0', name, arguments: args }] };
}
