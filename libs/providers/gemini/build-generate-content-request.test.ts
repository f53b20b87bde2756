import type { ProviderConfig } from '../../catalog';
import type { ChatJob, ChatRequest } from '../../contracts';
import { buildGenerateContentRequest } from './build-generate-content-request';

const provider: ProviderConfig = {
  id: 'google-ai-studio',
  name: 'Google AI Studio',
  family: 'gemini',
  baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  apiKeyEnv: 'GEMINI_API_KEY',
  headers: {},
};

function jobFor(
  request: Partial<ChatRequest>,
  options: { stream?: boolean; upstreamModel?: string; supportedParameters?: string[] } = {},
): ChatJob {
  return {
    generationId: 'gen-1',
    attempt: 1,
    model: 'google/gemini-2.5-flash',
    endpoint: {
      providerId: 'google-ai-studio',
      providerName: 'Google AI Studio',
      upstreamModel: options.upstreamModel ?? 'gemini-2.5-flash',
      pricing: { prompt: 0, completion: 0, request: 0 },
      ...(options.supportedParameters && { supportedParameters: options.supportedParameters }),
    },
    stream: options.stream ?? false,
    deadline: Date.now() + 60_000,
    request: { model: 'google/gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }], ...request },
  };
}

const hi = [{ role: 'user', parts: [{ text: 'Hi' }] }];

describe('buildGenerateContentRequest', () => {
  it.each([
    {
      name: 'generateContent for a whole answer',
      job: jobFor({}),
      url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent',
    },
    {
      name: 'streamGenerateContent as SSE for a stream',
      job: jobFor({ stream: true }, { stream: true }),
      url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    },
    {
      name: 'a tuned model by its resource name',
      job: jobFor({}, { upstreamModel: 'tunedModels/my-model-123' }),
      url: 'https://generativelanguage.googleapis.com/v1beta/tunedModels/my-model-123:generateContent',
    },
  ])('addresses $name', ({ job, url }) => {
    expect(buildGenerateContentRequest(job, provider, 'key').url).toBe(url);
  });

  it.each<{
    name: string;
    headers: Record<string, string>;
    apiKey?: string;
    expected: Record<string, string>;
  }>([
    {
      name: 'the key in x-goog-api-key',
      headers: {},
      apiKey: 'AIza-key',
      expected: { 'content-type': 'application/json', 'x-goog-api-key': 'AIza-key' },
    },
    {
      name: 'no key for a keyless server',
      headers: {},
      apiKey: undefined,
      expected: { 'content-type': 'application/json' },
    },
    {
      name: "the catalog's headers last, replacing ours",
      headers: { 'X-Goog-Api-Key': 'override', 'X-Team': 'a' },
      apiKey: 'AIza-key',
      expected: { 'content-type': 'application/json', 'x-goog-api-key': 'override', 'x-team': 'a' },
    },
  ])('sends $name', ({ headers, apiKey, expected }) => {
    expect(buildGenerateContentRequest(jobFor({}), { ...provider, headers }, apiKey).headers).toEqual(
      expected,
    );
  });

  it.each([
    { name: 'a plain prompt', job: jobFor({ stream: true }, { stream: true }), body: { contents: hi } },
    {
      name: 'everything together',
      job: jobFor({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
        temperature: 0.1,
        tools: [{ type: 'function', function: { name: 'ping' } }],
        tool_choice: 'required',
        models: ['a/b'],
        provider: { order: ['x'] },
      }),
      body: {
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
        contents: hi,
        tools: [{ functionDeclarations: [{ name: 'ping' }] }],
        toolConfig: { functionCallingConfig: { mode: 'ANY' } },
        generationConfig: { temperature: 0.1 },
      },
    },
    {
      name: 'only the parameters the endpoint supports',
      job: jobFor(
        { temperature: 0.1, frequency_penalty: 1, max_tokens: 5 },
        { supportedParameters: ['max_tokens', 'temperature'] },
      ),
      body: { contents: hi, generationConfig: { temperature: 0.1, maxOutputTokens: 5 } },
    },
    {
      name: 'the stand-in signature for Gemini 3',
      job: jobFor(
        {
          messages: [
            { role: 'user', content: 'Hi' },
            {
              role: 'assistant',
              tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
            },
          ],
        },
        { upstreamModel: 'gemini-3-pro-preview' },
      ),
      body: {
        contents: [
          ...hi,
          {
            role: 'model',
            parts: [
              { functionCall: { name: 'f', args: {} }, thoughtSignature: 'skip_thought_signature_validator' },
            ],
          },
        ],
      },
    },
  ])('builds the body for $name', ({ job, body }) => {
    expect(JSON.parse(buildGenerateContentRequest(job, provider, 'key').body)).toEqual(body);
  });
});
