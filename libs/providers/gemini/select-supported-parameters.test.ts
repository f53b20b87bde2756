import type { ChatRequest } from '../../contracts';
import { selectSupportedParameters } from './select-supported-parameters';

const request = {
  model: 'google/gemini-2.5-flash',
  messages: [{ role: 'user', content: 'Hi' }],
  max_tokens: 10,
  max_completion_tokens: 10,
  temperature: 0.5,
  frequency_penalty: 1,
  tools: [{ type: 'function', function: { name: 'f' } }],
  tool_choice: 'auto',
  reasoning: { effort: 'low' },
  stream: true,
} as ChatRequest;

describe('selectSupportedParameters', () => {
  it.each([
    { name: 'no list: everything', supported: undefined, kept: Object.keys(request) },
    {
      name: 'only what is listed, and never the messages',
      supported: ['max_tokens', 'temperature', 'tools', 'tool_choice'],
      kept: [
        'model',
        'messages',
        'max_tokens',
        'max_completion_tokens',
        'temperature',
        'tools',
        'tool_choice',
        'stream',
      ],
    },
    {
      name: 'no tool_choice without tools',
      supported: ['tool_choice', 'reasoning'],
      kept: ['model', 'messages', 'reasoning', 'stream'],
    },
    { name: 'an empty list: only the essentials', supported: [], kept: ['model', 'messages', 'stream'] },
  ])('keeps $name', ({ supported, kept }) => {
    expect(Object.keys(selectSupportedParameters(request, supported))).toEqual(kept);
  });

  it('leaves the original request alone', () => {
    selectSupportedParameters(request, []);
    expect(request.temperature).toBe(0.5);
  });
});
