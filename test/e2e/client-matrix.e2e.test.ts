import Anthropic from '@anthropic-ai/sdk';
import { createOpenRouter } from '@openrouter/ai-sdk-provider';
import { generateText, jsonSchema, Output, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';

jest.setTimeout(90_000);

/**
 * Every client the gateway promises to serve, against a model of every worker family: the same
 * simulator answers in the OpenAI, Anthropic and Gemini protocols, so each row crosses the real
 * translation both ways.
 */
const CATALOG = `
providers:
  sim-openai: { name: Sim OpenAI, family: openai-compatible, base_url: '{{SIMULATOR}}/v1' }
  sim-anthropic: { name: Sim Anthropic, family: anthropic, base_url: '{{SIMULATOR}}/v1' }
  sim-gemini: { name: Sim Gemini, family: gemini, base_url: '{{SIMULATOR}}/v1beta' }
models:
  test/openai:
    name: OpenAI family
    context_length: 8192
    endpoints: [{ provider: sim-openai, upstream_model: echo, pricing: { prompt: 1, completion: 2 } }]
  test/anthropic:
    name: Anthropic family
    context_length: 8192
    endpoints: [{ provider: sim-anthropic, upstream_model: echo, pricing: { prompt: 1, completion: 2 } }]
  test/gemini:
    name: Gemini family
    context_length: 8192
    endpoints: [{ provider: sim-gemini, upstream_model: echo, pricing: { prompt: 1, completion: 2 } }]
`;

const MODELS = ['test/openai', 'test/anthropic', 'test/gemini'];
const CITY_SCHEMA = {
  type: 'object' as const,
  properties: { city: { type: 'string' as const } },
  required: ['city'],
  additionalProperties: false,
};

let stack: TestStack;
let origin: string;

beforeAll(async () => {
  stack = await startTestStack({ catalog: CATALOG });
  origin = new URL(stack.baseUrl).origin;
});

afterAll(async () => {
  await stack?.stop();
});

describe.each(MODELS)('%s', (model) => {
  describe('the openai SDK', () => {
    const client = () => new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
    const weather: OpenAI.ChatCompletionTool = {
      type: 'function',
      function: { name: 'get_weather', parameters: CITY_SCHEMA },
    };

    it('chats', async () => {
      const completion = await client().chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Hello from openai' }],
      });
      expect(completion.choices[0].message.content).toBe('Echo: Hello from openai');
      expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
    });

    it('streams', async () => {
      const stream = await client().chat.completions.create({
        model,
        stream: true,
        messages: [{ role: 'user', content: 'Stream from openai' }],
      });
      let text = '';
      let usage: OpenAI.CompletionUsage | undefined | null;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? '';
        usage = chunk.usage ?? usage;
      }
      expect(text).toBe('Echo: Stream from openai');
      expect(usage?.completion_tokens).toBeGreaterThan(0);
    });

    it('calls a tool', async () => {
      const completion = await client().chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Weather?' }],
        tools: [weather],
      });
      const call = completion.choices[0].message
        .tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
      expect(completion.choices[0].finish_reason).toBe('tool_calls');
      expect(call.function.name).toBe('get_weather');
      expect(JSON.parse(call.function.arguments)).toEqual({ city: 'example' });
    });

    it('answers in JSON that follows a schema', async () => {
      const completion = await client().chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Pick a city' }],
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'city', schema: CITY_SCHEMA, strict: true },
        },
      });
      expect(JSON.parse(completion.choices[0].message.content!)).toEqual({ city: 'example' });
    });
  });

  describe('the Anthropic SDK', () => {
    const client = () => new Anthropic({ baseURL: `${origin}/api`, apiKey: stack.apiKey, maxRetries: 0 });
    const weather: Anthropic.Tool = { name: 'get_weather', input_schema: CITY_SCHEMA as never };

    it('chats', async () => {
      const message = await client().messages.create({
        model,
        max_tokens: 256,
        messages: [{ role: 'user', content: 'Hello from anthropic' }],
      });
      expect(message.content).toEqual([
        expect.objectContaining({ type: 'text', text: 'Echo: Hello from anthropic' }),
      ]);
      expect(message.stop_reason).toBe('end_turn');
      expect(message.usage.output_tokens).toBeGreaterThan(0);
    });

    it('streams', async () => {
      const stream = client().messages.stream({
        model,
        max_tokens: 256,
        messages: [{ role: 'user', content: 'Stream from anthropic' }],
      });
      let text = '';
      stream.on('text', (delta) => (text += delta));
      const final = await stream.finalMessage();
      expect(text).toBe('Echo: Stream from anthropic');
      expect(final.usage.output_tokens).toBeGreaterThan(0);
    });

    it('calls a tool', async () => {
      const message = await client().messages.create({
        model,
        max_tokens: 256,
        tools: [weather],
        messages: [{ role: 'user', content: 'Weather?' }],
      });
      expect(message.stop_reason).toBe('tool_use');
      expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({
        name: 'get_weather',
        input: { city: 'example' },
      });
    });

    it('answers in JSON that follows a schema (structured outputs)', async () => {
      const message = await client().messages.create({
        model,
        max_tokens: 256,
        output_config: { format: { type: 'json_schema', schema: CITY_SCHEMA } },
        messages: [{ role: 'user', content: 'Pick a city' }],
      });
      const text = message.content.find((block) => block.type === 'text');
      expect(JSON.parse((text as Anthropic.TextBlock).text)).toEqual({ city: 'example' });
    });

    it('answers in JSON through a forced tool', async () => {
      const message = await client().messages.create({
        model,
        max_tokens: 256,
        tools: [{ name: 'city', input_schema: CITY_SCHEMA as never }],
        tool_choice: { type: 'tool', name: 'city' },
        messages: [{ role: 'user', content: 'Pick a city' }],
      });
      expect(message.content.find((block) => block.type === 'tool_use')).toMatchObject({
        input: { city: 'example' },
      });
    });
  });

  describe('the AI SDK with the OpenRouter provider', () => {
    const languageModel = () =>
      createOpenRouter({ baseURL: stack.baseUrl, apiKey: stack.apiKey }).chat(model);

    it('chats', async () => {
      const result = await generateText({ model: languageModel(), prompt: 'Hello from ai', maxRetries: 0 });
      expect(result.text).toBe('Echo: Hello from ai');
      expect(result.usage.outputTokens).toBeGreaterThan(0);
    });

    it('streams', async () => {
      const result = streamText({ model: languageModel(), prompt: 'Stream from ai', maxRetries: 0 });
      let text = '';
      for await (const delta of result.textStream) text += delta;
      expect(text).toBe('Echo: Stream from ai');
    });

    it('calls a tool', async () => {
      const result = await generateText({
        model: languageModel(),
        prompt: 'Weather?',
        maxRetries: 0,
        tools: { get_weather: tool({ inputSchema: jsonSchema<{ city: string }>(CITY_SCHEMA) }) },
      });
      expect(result.toolCalls).toEqual([
        expect.objectContaining({ toolName: 'get_weather', input: { city: 'example' } }),
      ]);
    });

    it('answers in JSON that follows a schema', async () => {
      const result = await generateText({
        model: languageModel(),
        prompt: 'Pick a city',
        maxRetries: 0,
        output: Output.object({ schema: jsonSchema<{ city: string }>(CITY_SCHEMA) }),
      });
      expect(result.output).toEqual({ city: 'example' });
    });
  });
});
