import { messagesRequestSchema } from './messages-request';
import { toChatRequest } from './to-chat-request';

const base = { model: 'author/model', max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }] };
const convert = (body: object) => toChatRequest(messagesRequestSchema.parse({ ...base, ...body }));

describe('toChatRequest', () => {
  it('keeps the model, the token limit and the turns', () => {
    expect(convert({})).toEqual({
      model: 'author/model',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 256,
      stream: false,
    });
  });

  it.each<[string, object, object]>([
    [
      'a system string',
      { system: 'Be brief.' },
      { messages: [{ role: 'system', content: 'Be brief.' }, base.messages[0]] },
    ],
    [
      'system text blocks, as one system message',
      {
        system: [
          { type: 'text', text: 'Be brief.' },
          { type: 'text', text: 'Be kind.', cache_control: {} },
        ],
      },
      { messages: [{ role: 'system', content: 'Be brief.\n\nBe kind.' }, base.messages[0]] },
    ],
    ['an empty system', { system: [] }, { messages: base.messages }],
    ['stream', { stream: true }, { stream: true }],
    ['sampling', { temperature: 0.2, top_p: 0.9, top_k: 40 }, { temperature: 0.2, top_p: 0.9, top_k: 40 }],
    ['stop sequences, as stop', { stop_sequences: ['END', '###'] }, { stop: ['END', '###'] }],
    ['metadata.user_id, as user', { metadata: { user_id: 'u-1' } }, { user: 'u-1' }],
    [
      'a thinking budget, as reasoning.max_tokens',
      { thinking: { type: 'enabled', budget_tokens: 2048 } },
      {
        reasoning: { max_tokens: 2048 },
      },
    ],
    ['adaptive thinking', { thinking: { type: 'adaptive' } }, { reasoning: { enabled: true } }],
    [
      'a JSON output format, as a json_schema response format',
      { output_config: { format: { type: 'json_schema', schema: { type: 'object' } } } },
      {
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'output', schema: { type: 'object' }, strict: true },
        },
      },
    ],
    [
      'tools and the tool choice',
      { tools: [{ name: 'f', input_schema: { type: 'object' } }], tool_choice: { type: 'any' } },
      {
        tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
        tool_choice: 'required',
      },
    ],
  ])('converts %s', (_case, body, expected) => {
    expect(convert(body)).toMatchObject(expected);
  });

  it.each<[string, object]>([
    ['empty stop sequences', { stop_sequences: [] }],
    ['disabled thinking', { thinking: { type: 'disabled' } }],
    ['a null user id', { metadata: { user_id: null } }],
  ])('sends nothing for %s', (_case, body) => {
    expect(convert(body)).toEqual(convert({}));
  });

  it('converts a whole tool-use conversation, in order', () => {
    const request = convert({
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Use the tool.', signature: 'sig' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }] },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'toolu_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
        reasoning_details: [{ type: 'reasoning.text', text: 'Use the tool.', signature: 'sig' }],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' },
    ]);
  });
});
