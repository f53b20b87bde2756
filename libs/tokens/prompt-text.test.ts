import type { ChatRequest } from '../contracts';
import { promptText, type PromptText } from './prompt-text';

const request = (fields: Partial<ChatRequest>): ChatRequest => ({
  model: 'openai/gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hi' }],
  ...fields,
});

describe('promptText', () => {
  it.each<{ name: string; request: ChatRequest; prompt: PromptText }>([
    { name: 'one message', request: request({}), prompt: { text: 'Hi', media: 0, messages: 1 } },
    {
      name: 'every role, one text per line',
      request: request({
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
          { role: 'user', content: 'Weather?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c1', type: 'function', function: { name: 'weather', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'Sunny' },
        ],
      }),
      prompt: { text: 'Be brief.\nWeather?\nweather\n{}\nSunny', media: 0, messages: 4 },
    },
    {
      name: 'images and files as media, beside the text parts',
      request: request({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
              { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBE' } },
            ],
          },
        ],
      }),
      prompt: { text: 'What is this?', media: 2, messages: 1 },
    },
    {
      name: 'tool definitions and a JSON schema, as the provider adds them to the prompt',
      request: request({
        tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
        response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' } } },
      }),
      prompt: {
        text:
          'Hi\n[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]\n' +
          '{"name":"answer","schema":{"type":"object"}}',
        media: 0,
        messages: 1,
      },
    },
    {
      name: 'a response format that adds nothing',
      request: request({ response_format: { type: 'json_object' } }),
      prompt: { text: 'Hi', media: 0, messages: 1 },
    },
  ])('reads $name', ({ request, prompt }) => {
    expect(promptText(request)).toEqual(prompt);
  });
});
