import { responsesRequestSchema } from './responses-request';
import { toChatRequest } from './to-chat-request';

const convert = (body: object) => toChatRequest(responsesRequestSchema.parse({ model: 'm', ...body }));

describe('toChatRequest (Responses)', () => {
  it('makes a string input the user message and instructions the system message', () => {
    expect(
      convert({ input: 'Hi', instructions: 'Be brief.', max_output_tokens: 50, temperature: 0.2 }),
    ).toEqual({
      model: 'm',
      temperature: 0.2,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_tokens: 50,
    });
  });

  it('passes OpenRouter fields on and leaves out what only OpenAI keeps', () => {
    expect(
      convert({
        input: 'Hi',
        provider: { order: ['a'] },
        models: ['m', 'n'],
        session_id: 's',
        store: false,
        metadata: { app: 'x' },
        truncation: 'auto',
        include: ['reasoning.encrypted_content'],
      }),
    ).toEqual({
      model: 'm',
      provider: { order: ['a'] },
      models: ['m', 'n'],
      session_id: 's',
      messages: [{ role: 'user', content: 'Hi' }],
    });
  });

  it('turns a tool round trip into an assistant turn with tool calls and tool messages', () => {
    const chat = convert({
      input: [
        { role: 'user', content: [{ type: 'input_text', text: 'Weather in Paris and Rome?' }] },
        {
          type: 'reasoning',
          summary: [{ type: 'summary_text', text: 'Two cities.' }],
          encrypted_content: 'enc',
        },
        { type: 'function_call', call_id: 'c1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call', call_id: 'c2', name: 'get_weather', arguments: '{"city":"Rome"}' },
        { type: 'function_call_output', call_id: 'c1', output: 'sunny' },
        { type: 'function_call_output', call_id: 'c2', output: [{ type: 'input_text', text: 'rain' }] },
      ],
    });
    expect(chat.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'c2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
        ],
        reasoning_details: [
          { type: 'reasoning.summary', summary: 'Two cities.' },
          { type: 'reasoning.encrypted', data: 'enc' },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
      { role: 'tool', tool_call_id: 'c2', content: 'rain' },
    ]);
  });

  it('puts a function call on the assistant message it follows', () => {
    const chat = convert({
      input: [
        { role: 'user', content: 'Go' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Calling.' }] },
        { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
      ],
    });
    expect(chat.messages).toEqual([
      { role: 'user', content: 'Go' },
      {
        role: 'assistant',
        content: 'Calling.',
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
    ]);
  });

  it('converts images and files of a user message', () => {
    const chat = convert({
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'low' },
            { type: 'input_file', filename: 'a.pdf', file_data: 'data:application/pdf;base64,AAAA' },
          ],
        },
      ],
    });
    expect(chat.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
          { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,AAAA' } },
        ],
      },
    ]);
  });

  it('converts flat function tools, tool choice, a JSON schema format and reasoning', () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } } };
    expect(
      convert({
        input: 'x',
        tools: [
          { type: 'function', name: 'get_weather', description: 'Weather', parameters: schema, strict: true },
        ],
        tool_choice: { type: 'function', name: 'get_weather' },
        parallel_tool_calls: false,
        text: { format: { type: 'json_schema', name: 'city', schema, strict: true } },
        reasoning: { effort: 'high', summary: 'auto' },
        top_logprobs: 2,
      }),
    ).toEqual({
      model: 'm',
      parallel_tool_calls: false,
      messages: [{ role: 'user', content: 'x' }],
      logprobs: true,
      top_logprobs: 2,
      tools: [
        {
          type: 'function',
          function: { name: 'get_weather', description: 'Weather', parameters: schema, strict: true },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      response_format: { type: 'json_schema', json_schema: { name: 'city', schema, strict: true } },
      reasoning: { effort: 'high' },
    });
  });

  it.each([
    ['store: true', { store: true }, 'store'],
    ['previous_response_id', { previous_response_id: 'resp_1' }, 'previous_response_id'],
    ['a built-in tool', { tools: [{ type: 'web_search' }] }, 'tools'],
  ])('refuses %s', (_case, fields, path) => {
    const parsed = responsesRequestSchema.safeParse({ model: 'm', input: 'x', ...fields });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0].path[0]).toBe(path);
  });
});
