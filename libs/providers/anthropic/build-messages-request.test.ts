import type { ProviderConfig } from '../../catalog';
import { GatewayError, type ChatJob, type ChatRequest } from '../../contracts';
import { buildMessagesRequest } from './build-messages-request';

const provider: ProviderConfig = {
  id: 'anthropic',
  name: 'Anthropic',
  family: 'anthropic',
  baseUrl: 'https://api.anthropic.com/v1',
  apiKeyEnv: 'ANTHROPIC_API_KEY',
  headers: {},
};

function jobFor(
  request: Partial<ChatRequest>,
  options: { stream?: boolean; upstreamModel?: string; supportedParameters?: string[] } = {},
): ChatJob {
  return {
    generationId: 'gen-1',
    attempt: 1,
    model: 'anthropic/claude',
    endpoint: {
      providerId: 'anthropic',
      providerName: 'Anthropic',
      upstreamModel: options.upstreamModel ?? 'claude-haiku-4-5-20251001',
      pricing: { prompt: 1e-6, completion: 5e-6, request: 0 },
      ...(options.supportedParameters && { supportedParameters: options.supportedParameters }),
    },
    stream: options.stream ?? false,
    deadline: Date.now() + 60_000,
    request: { model: 'anthropic/claude', messages: [{ role: 'user', content: 'Hi' }], ...request },
  };
}

const hi = [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }];
const weather = { type: 'function' as const, function: { name: 'weather', parameters: { type: 'object' } } };

describe('buildMessagesRequest', () => {
  it('calls POST {base_url}/messages with the key and the API version', () => {
    const built = buildMessagesRequest(jobFor({}, { stream: true }), provider, 'sk-ant');
    expect(built.url).toBe('https://api.anthropic.com/v1/messages');
    expect(built.headers).toEqual({
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'anthropic-version': '2023-06-01',
      'x-api-key': 'sk-ant',
    });
    expect(JSON.parse(built.body)).toEqual({
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 4096,
      messages: hi,
      stream: true,
    });
  });

  it.each<{ name: string; job: ChatJob; expected: Record<string, unknown> }>([
    {
      name: 'max_tokens',
      job: jobFor({ max_tokens: 300 }),
      expected: { max_tokens: 300 },
    },
    {
      name: 'max_completion_tokens, preferred',
      job: jobFor({ max_tokens: 300, max_completion_tokens: 200 }),
      expected: { max_tokens: 200 },
    },
    {
      name: 'the system prompt',
      job: jobFor({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
      }),
      expected: { system: [{ type: 'text', text: 'Be brief.' }], messages: hi },
    },
    {
      name: 'sampling parameters, with temperature at most 1',
      job: jobFor({ temperature: 1.5, top_k: 40 }),
      expected: { temperature: 1, top_k: 40 },
    },
    {
      name: 'top_p without a temperature',
      job: jobFor({ top_p: 0.9 }),
      expected: { top_p: 0.9 },
    },
    {
      name: 'temperature, not top_p, when both are given',
      job: jobFor({ temperature: 0.3, top_p: 0.9 }),
      expected: { temperature: 0.3 },
    },
    {
      name: 'one stop sequence',
      job: jobFor({ stop: 'END' }),
      expected: { stop_sequences: ['END'] },
    },
    {
      name: 'several stop sequences',
      job: jobFor({ stop: ['END', '###'] }),
      expected: { stop_sequences: ['END', '###'] },
    },
    {
      name: 'tools and their choice',
      job: jobFor({ tools: [weather], tool_choice: 'required', parallel_tool_calls: false }),
      expected: {
        tools: [{ name: 'weather', input_schema: { type: 'object' } }],
        tool_choice: { type: 'any', disable_parallel_tool_use: true },
      },
    },
    {
      name: 'json_object as the forced json tool',
      job: jobFor({ response_format: { type: 'json_object' } }),
      expected: {
        tools: [
          { name: 'json', description: 'Respond with a JSON object.', input_schema: { type: 'object' } },
        ],
        tool_choice: { type: 'tool', name: 'json', disable_parallel_tool_use: true },
      },
    },
    {
      name: 'json_schema as structured output',
      job: jobFor({
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'city', schema: { type: 'object', properties: { name: { type: 'string' } } } },
        },
      }),
      expected: {
        output_config: {
          format: {
            type: 'json_schema',
            schema: { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false },
          },
        },
      },
    },
    {
      name: 'reasoning as a thinking budget on Claude 4.5, without sampling parameters',
      job: jobFor({ max_tokens: 10_000, temperature: 0.2, reasoning: { effort: 'high' } }),
      expected: { max_tokens: 10_000, thinking: { type: 'enabled', budget_tokens: 8000 } },
    },
    {
      name: 'reasoning as adaptive thinking and effort on Claude 5.5',
      job: jobFor({ reasoning: { effort: 'low' } }, { upstreamModel: 'claude-opus-5-5' }),
      expected: {
        thinking: { type: 'adaptive', display: 'summarized' },
        output_config: { effort: 'low' },
      },
    },
    {
      name: 'effort beside a schema',
      job: jobFor(
        {
          reasoning: { effort: 'medium' },
          response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'string' } } },
        },
        { upstreamModel: 'claude-sonnet-5-5' },
      ),
      expected: {
        thinking: { type: 'adaptive', display: 'summarized' },
        output_config: { effort: 'medium', format: { type: 'json_schema', schema: { type: 'string' } } },
      },
    },
    {
      name: 'the user as metadata',
      job: jobFor({ user: 'user-42' }),
      expected: { metadata: { user_id: 'user-42' } },
    },
    {
      name: 'only the parameters the endpoint supports',
      job: jobFor(
        { temperature: 0.5, top_k: 5, stop: 'END', tools: [weather], reasoning: { effort: 'high' } },
        { supportedParameters: ['max_tokens', 'stop'] },
      ),
      expected: { stop_sequences: ['END'] },
    },
  ])('sends $name', ({ job, expected }) => {
    const body = JSON.parse(buildMessagesRequest(job, provider, 'sk-ant').body);
    expect(body).toEqual({ model: job.endpoint.upstreamModel, max_tokens: 4096, messages: hi, ...expected });
  });

  it('sends no sampling parameters on API version 2026-10-21', () => {
    const pinned = { ...provider, headers: { 'anthropic-version': '2026-10-21' } };
    const built = buildMessagesRequest(jobFor({ temperature: 0.5, top_p: 0.9 }), pinned, 'sk-ant');
    expect(built.headers['anthropic-version']).toBe('2026-10-21');
    expect(JSON.parse(built.body)).not.toHaveProperty('temperature');
    expect(JSON.parse(built.body)).not.toHaveProperty('top_p');
  });

  it.each([
    { name: 'a malformed reasoning', request: { reasoning: { effort: 'extreme' } } },
    {
      name: 'an unsupported part',
      request: {
        messages: [
          {
            role: 'user' as const,
            content: [{ type: 'input_audio' as const, input_audio: { data: 'x', format: 'wav' } }],
          },
        ],
      },
    },
  ])('answers $name with a 400', ({ request }) => {
    expect(() => buildMessagesRequest(jobFor(request), provider, 'sk-ant')).toThrow(GatewayError);
  });
});
