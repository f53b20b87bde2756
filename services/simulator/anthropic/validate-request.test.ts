import { parseMessagesRequest } from './validate-request';

const user = (content: unknown) => ({ role: 'user', content });
const valid = { model: 'claude-sim', max_tokens: 10, messages: [user('Hi')] };
const toolUse = { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} };
const toolResult = (id: string) => ({ type: 'tool_result', tool_use_id: id, content: 'ok' });

function messageOf(body: unknown): string | undefined {
  const parsed = parseMessagesRequest(typeof body === 'string' ? body : JSON.stringify(body));
  if (!('failure' in parsed)) return undefined;
  expect(parsed.failure.status).toBe(400);
  return (parsed.failure.body as { error: { message: string } }).error.message;
}

describe('parseMessagesRequest', () => {
  it.each<[string, unknown, string | RegExp]>([
    ['invalid JSON', '{"model":', /^The request body is not valid JSON: /],
    ['no model', { ...valid, model: undefined }, 'model: Field required'],
    ['no max_tokens', { ...valid, max_tokens: undefined }, 'max_tokens: Field required'],
    ['max_tokens 0', { ...valid, max_tokens: 0 }, 'max_tokens: Input should be greater than or equal to 1'],
    ['max_tokens 1.5', { ...valid, max_tokens: 1.5 }, 'max_tokens: Input should be a valid integer'],
    ['no messages', { ...valid, messages: undefined }, 'messages: Field required'],
    [
      'a system message',
      { ...valid, messages: [{ role: 'system', content: 'x' }, user('Hi')] },
      /Unexpected role "system"/,
    ],
    [
      'a bad role',
      { ...valid, messages: [{ role: 'tool', content: 'x' }] },
      "messages.0.role: Input should be 'user' or 'assistant'",
    ],
    ['no content', { ...valid, messages: [{ role: 'user' }] }, 'messages.0.content: Field required'],
    [
      'an empty user message',
      { ...valid, messages: [user('')] },
      'messages.0: all messages must have non-empty content except for the optional final assistant message',
    ],
    [
      'an empty text block',
      { ...valid, messages: [user([{ type: 'text', text: '' }])] },
      'messages: text content blocks must be non-empty',
    ],
    [
      'a tool_use without its tool_result',
      { ...valid, messages: [user('Hi'), { role: 'assistant', content: [toolUse] }, user('and?')] },
      /^messages\.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1\./,
    ],
    [
      'a tool_result for an unknown tool_use',
      {
        ...valid,
        messages: [
          user('Hi'),
          { role: 'assistant', content: [toolUse] },
          user([toolResult('toolu_1'), toolResult('toolu_2')]),
        ],
      },
      /^messages\.2\.content\.1: unexpected `tool_use_id` found in `tool_result` blocks: toolu_2\./,
    ],
    [
      'a tool without input_schema',
      { ...valid, tools: [{ name: 'f' }] },
      'tools.0.custom.input_schema: Field required',
    ],
    [
      'a tool schema not of an object',
      { ...valid, tools: [{ name: 'f', input_schema: { type: 'string' } }] },
      "tools.0.custom.input_schema.type: Input should be 'object'",
    ],
    [
      'an unknown tool_choice',
      { ...valid, tool_choice: { type: 'required' } },
      /^tool_choice: Input tag 'required'/,
    ],
    [
      'a tool choice without a name',
      { ...valid, tool_choice: { type: 'tool' } },
      'tool_choice.tool.name: Field required',
    ],
    ['a string stream', { ...valid, stream: 'yes' }, 'stream: Input should be a valid boolean'],
  ])('rejects %s', (_name, body, message) => {
    expect(messageOf(body)).toMatch(message);
  });

  it.each<[string, unknown]>([
    ['a plain request', valid],
    ['a system prompt as text blocks', { ...valid, system: [{ type: 'text', text: 'Be brief.' }] }],
    [
      'an empty final assistant message',
      { ...valid, messages: [user('Hi'), { role: 'assistant', content: '' }] },
    ],
    [
      'a tool round trip',
      {
        ...valid,
        messages: [user('Hi'), { role: 'assistant', content: [toolUse] }, user([toolResult('toolu_1')])],
      },
    ],
    [
      'a server tool without input_schema',
      { ...valid, tools: [{ type: 'web_search_20250305', name: 'web_search' }] },
    ],
  ])('accepts %s', (_name, body) => {
    expect(messageOf(body)).toBeUndefined();
  });
});
