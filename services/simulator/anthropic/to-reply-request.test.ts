import type { ReplyRequest } from '../reply';
import { toReplyRequest } from './to-reply-request';
import type { AnthropicRequest } from './validate-request';

const base = { model: 'claude-sim', max_tokens: 50 };
const schema = { type: 'object', properties: { city: { type: 'string' } } };

describe('toReplyRequest', () => {
  it.each<[string, Omit<AnthropicRequest, 'model' | 'max_tokens'>, Partial<ReplyRequest>]>([
    [
      'puts the system prompt first',
      { system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }] },
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
      },
    ],
    [
      'turns tool_result blocks into tool messages before the rest of the turn',
      {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' },
              { type: 'text', text: 'and tomorrow?' },
            ],
          },
        ],
      },
      {
        messages: [
          { role: 'tool', content: 'sunny' },
          { role: 'user', content: [{ type: 'text', text: 'and tomorrow?' }] },
        ],
      },
    ],
    [
      'keeps custom tools as functions and drops server tools',
      {
        messages: [{ role: 'user', content: 'Hi' }],
        tools: [
          { name: 'get_weather', input_schema: schema },
          { type: 'web_search_20250305', name: 'web_search' },
        ],
      },
      { tools: [{ function: { name: 'get_weather', parameters: schema } }] },
    ],
    [
      'maps tool_choice any to required',
      { messages: [], tool_choice: { type: 'any' } },
      { tool_choice: 'required' },
    ],
    [
      'maps tool_choice tool to a named function',
      { messages: [], tool_choice: { type: 'tool', name: 'f' } },
      { tool_choice: { type: 'function', function: { name: 'f' } } },
    ],
    [
      'maps tool_choice none to none',
      { messages: [], tool_choice: { type: 'none' } },
      { tool_choice: 'none' },
    ],
    [
      'leaves tool_choice auto to the default',
      { messages: [], tool_choice: { type: 'auto' } },
      { tool_choice: undefined },
    ],
    [
      'reads output_config.format as a json_schema response format',
      { messages: [], output_config: { format: { type: 'json_schema', schema } } },
      { response_format: { type: 'json_schema', json_schema: { schema } } },
    ],
    [
      'reads the beta output_format the same way',
      { messages: [], output_format: { type: 'json_schema', schema } },
      { response_format: { type: 'json_schema', json_schema: { schema } } },
    ],
  ])('%s', (_name, request, expected) => {
    expect(toReplyRequest({ ...base, ...request })).toMatchObject({ max_tokens: 50, ...expected });
  });
});
