import { GatewayError } from '../../../libs/contracts';
import { parseMessagesRequest } from './parse-messages-request';

const valid = { model: 'a/b', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] };

const problemOf = (body: unknown): string => {
  try {
    parseMessagesRequest(body);
  } catch (error) {
    if (error instanceof GatewayError && error.status === 400) return error.message;
    throw error;
  }
  throw new Error('expected the request to be rejected');
};

describe('parseMessagesRequest', () => {
  it('reads string content as one text block and drops fields it cannot honour', () => {
    const parsed = parseMessagesRequest({
      ...valid,
      system: 'be brief',
      service_tier: 'auto',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }] },
      ],
    });
    expect(parsed.system).toEqual([{ type: 'text', text: 'be brief' }]);
    expect(parsed.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]);
    expect(parsed).not.toHaveProperty('service_tier');
  });

  it('accepts a tool result without content', () => {
    const parsed = parseMessagesRequest({
      ...valid,
      messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1' }] }],
    });
    expect(parsed.messages[0].content).toEqual([{ type: 'tool_result', tool_use_id: 'toolu_1' }]);
  });

  const withMessage = (message: unknown) => ({ ...valid, messages: [message] });

  it.each([
    ['a body that is not an object', [valid], 'the body must be a JSON object'],
    ['no model', { ...valid, model: undefined }, 'model: is required'],
    ['no max_tokens', { ...valid, max_tokens: undefined }, 'max_tokens: is required'],
    ['a zero max_tokens', { ...valid, max_tokens: 0 }, 'max_tokens:'],
    ['no messages', { ...valid, messages: undefined }, 'messages: is required'],
    ['empty messages', { ...valid, messages: [] }, 'messages: must contain at least one message'],
    [
      'a bad role',
      withMessage({ role: 'system', content: 'x' }),
      'messages[0].role: must be "user" or "assistant"',
    ],
    [
      'content of the wrong type',
      withMessage({ role: 'user', content: 5 }),
      'messages[0].content: must be a string',
    ],
    [
      'an unsupported block',
      withMessage({ role: 'user', content: [{ type: 'document', source: {} }] }),
      'messages[0].content[0].type: unsupported block type; a user message may hold text, image and tool_result',
    ],
    [
      'a tool_use block from the user',
      withMessage({ role: 'user', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] }),
      'messages[0].content[0].type: unsupported block type',
    ],
    [
      'a text block without text',
      withMessage({ role: 'user', content: [{ type: 'text' }] }),
      'messages[0].content[0].text:',
    ],
    [
      'an image by file id',
      withMessage({ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }),
      'messages[0].content[0].source.type: must be "base64" or "url"',
    ],
    [
      'an image of an unsupported media type',
      withMessage({
        role: 'user',
        content: [{ type: 'image', source: { type: 'base64', media_type: 'image/tiff', data: 'AA' } }],
      }),
      'messages[0].content[0].source.media_type',
    ],
    [
      'tool_use input that is not an object',
      withMessage({ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: 'x' }] }),
      'messages[0].content[0].input',
    ],
    [
      'a bad block inside a tool result',
      withMessage({
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'tool_use' }] }],
      }),
      'messages[0].content[0].content[0].type: unsupported block type; a tool result may hold text and image',
    ],
    ['a temperature above 1', { ...valid, temperature: 1.5 }, 'temperature:'],
    ['a negative top_k', { ...valid, top_k: -1 }, 'top_k:'],
    ['a system block that is not text', { ...valid, system: [{ type: 'image' }] }, 'system[0].type'],
    [
      'a server tool',
      { ...valid, tools: [{ type: 'web_search_20250305', name: 'web_search' }] },
      "tools[0].type: only custom tools (with an input_schema) are supported, not Anthropic's server tools",
    ],
    [
      'a bad tool name',
      { ...valid, tools: [{ name: 'a b', input_schema: { type: 'object' } }] },
      'tools[0].name: must be 1-128 letters',
    ],
    ['a tool without input_schema', { ...valid, tools: [{ name: 'f' }] }, 'tools[0].input_schema'],
    [
      'a bad tool_choice',
      { ...valid, tool_choice: { type: 'required' } },
      'tool_choice.type: must be "auto"',
    ],
    ['a forced tool without a name', { ...valid, tool_choice: { type: 'tool' } }, 'tool_choice.name'],
    ['thinking without a budget', { ...valid, thinking: { type: 'enabled' } }, 'thinking.budget_tokens:'],
    [
      'an unknown thinking type',
      { ...valid, thinking: { type: 'always' } },
      'thinking.type: must be "enabled"',
    ],
  ])('names the field for %s', (_case, body, expected) => {
    expect(problemOf(body)).toContain(expected);
  });
});
