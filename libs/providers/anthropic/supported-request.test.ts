import type { ChatJob } from '../../contracts';
import { supportedRequest } from './supported-request';

const endpoint = {
  providerId: 'anthropic',
  providerName: 'Anthropic',
  upstreamModel: 'claude',
  pricing: { prompt: 0, completion: 0, request: 0 },
};
const request: ChatJob['request'] = {
  model: 'anthropic/claude',
  messages: [{ role: 'user', content: 'Hi' }],
  temperature: 0.5,
  tools: [{ type: 'function', function: { name: 'now' } }],
  tool_choice: 'required',
  parallel_tool_calls: false,
  reasoning: { effort: 'high' },
};

describe('supportedRequest', () => {
  it.each([
    { name: 'everything, without a list', supported: undefined, expected: request },
    {
      name: 'only what the list names, with the messages',
      supported: ['max_tokens', 'reasoning'],
      expected: { model: 'anthropic/claude', messages: request.messages, reasoning: { effort: 'high' } },
    },
    {
      name: 'tools with their choice and parallelism',
      supported: ['tools', 'tool_choice'],
      expected: {
        model: 'anthropic/claude',
        messages: request.messages,
        tools: request.tools,
        tool_choice: 'required',
        parallel_tool_calls: false,
      },
    },
  ])('keeps $name', ({ supported, expected }) => {
    expect(supportedRequest({ request, endpoint: { ...endpoint, supportedParameters: supported } })).toEqual(
      expected,
    );
  });
});
