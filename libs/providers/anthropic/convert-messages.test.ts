import { GatewayError, type ChatMessage } from '../../contracts';
import { convertMessages } from './convert-messages';

const format = 'anthropic-claude-v1';
const call = (id: string, name: string, args: string) => ({
  id,
  type: 'function' as const,
  function: { name, arguments: args },
});

describe('convertMessages', () => {
  it.each<{ name: string; messages: ChatMessage[]; expected: unknown }>([
    {
      name: 'a user message',
      messages: [{ role: 'user', content: 'Hello' }],
      expected: { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }] },
    },
    {
      name: 'system and developer messages as the system, wherever they stand',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
      ],
      expected: {
        system: [
          { type: 'text', text: 'Be brief.' },
          { type: 'text', text: 'Answer in French.' },
        ],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      },
    },
    {
      name: 'a multi-turn history',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'How are you?' },
      ],
      expected: {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
          { role: 'user', content: [{ type: 'text', text: 'How are you?' }] },
        ],
      },
    },
    {
      name: 'consecutive user messages as one turn',
      messages: [
        { role: 'user', content: 'One.' },
        { role: 'user', content: [{ type: 'text', text: 'Two.' }] },
      ],
      expected: {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'One.' },
              { type: 'text', text: 'Two.' },
            ],
          },
        ],
      },
    },
    {
      name: 'consecutive assistant messages as one turn',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'One.' },
        { role: 'assistant', content: [{ type: 'text', text: 'Two.' }] },
      ],
      expected: {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'One.' },
              { type: 'text', text: 'Two.' },
            ],
          },
        ],
      },
    },
    {
      name: 'tool calls and their results, in one user turn',
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            call('toolu_1', 'weather', '{"city":"Paris"}'),
            call('toolu_2', 'weather', '{"city":"Rome"}'),
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
        { role: 'tool', tool_call_id: 'toolu_2', content: [{ type: 'text', text: '24°C' }] },
        { role: 'user', content: 'Which is warmer?' },
      ],
      expected: {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
          {
            role: 'assistant',
            content: [
              { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
              { type: 'tool_use', id: 'toolu_2', name: 'weather', input: { city: 'Rome' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' },
              { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: '24°C' }] },
              { type: 'text', text: 'Which is warmer?' },
            ],
          },
        ],
      },
    },
    {
      name: 'tool results first in a turn whose user text came before them',
      messages: [
        { role: 'assistant', content: null, tool_calls: [call('toolu_1', 'now', '{}')] },
        { role: 'user', content: 'Quick!' },
        { role: 'tool', tool_call_id: 'toolu_1', content: 'noon' },
      ],
      expected: {
        messages: [
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'now', input: {} }] },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_1', content: 'noon' },
              { type: 'text', text: 'Quick!' },
            ],
          },
        ],
      },
    },
    {
      name: 'text beside tool calls, text first',
      messages: [{ role: 'assistant', content: 'Let me check.', tool_calls: [call('toolu_1', 'now', '')] }],
      expected: {
        messages: [
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Let me check.' },
              { type: 'tool_use', id: 'toolu_1', name: 'now', input: {} },
            ],
          },
        ],
      },
    },
    {
      name: 'arguments that are not JSON, or not an object, as {}',
      messages: [
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            call('toolu_1', 'a', '{"city":'),
            call('toolu_2', 'b', '[1,2]'),
            call('toolu_3', 'c', 'null'),
          ],
        },
      ],
      expected: {
        messages: [
          {
            role: 'assistant',
            content: [
              { type: 'tool_use', id: 'toolu_1', name: 'a', input: {} },
              { type: 'tool_use', id: 'toolu_2', name: 'b', input: {} },
              { type: 'tool_use', id: 'toolu_3', name: 'c', input: {} },
            ],
          },
        ],
      },
    },
    {
      name: 'earlier reasoning as thinking blocks before the rest, for tool use with thinking',
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [call('toolu_1', 'weather', '{"city":"Paris"}')],
          reasoning: 'I should call the tool.',
          reasoning_details: [
            { type: 'reasoning.text', text: 'I should call the tool.', signature: 'sig-1', format, index: 0 },
            { type: 'reasoning.encrypted', data: 'EmwKAhgB', format, index: 1 },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
      ],
      expected: {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'I should call the tool.', signature: 'sig-1' },
              { type: 'redacted_thinking', data: 'EmwKAhgB' },
              { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
            ],
          },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' }] },
        ],
      },
    },
    {
      name: 'images by data URL and by URL',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
          ],
        },
      ],
      expected: {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Compare' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
            ],
          },
        ],
      },
    },
    {
      name: 'no empty texts, and no empty turns',
      messages: [
        { role: 'system', content: '' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'Still there?' },
      ],
      expected: {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Hi' },
              { type: 'text', text: 'Still there?' },
            ],
          },
        ],
      },
    },
  ])('converts $name', ({ messages, expected }) => {
    expect(convertMessages(messages)).toEqual(expected);
  });

  it.each<{ name: string; part: Extract<ChatMessage, { role: 'user' }>['content'] }>([
    { name: 'audio', part: [{ type: 'input_audio', input_audio: { data: 'UklGR', format: 'wav' } }] },
    { name: 'a file', part: [{ type: 'file', file: { file_data: 'data:application/pdf;base64,JVBE' } }] },
  ])('rejects $name, naming the part', ({ part }) => {
    let error: unknown;
    try {
      convertMessages([{ role: 'user', content: part }]);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ status: 400, message: expect.stringContaining('messages[0].content[0]') });
  });
});
