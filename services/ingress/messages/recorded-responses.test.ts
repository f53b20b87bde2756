import { Stream } from '@anthropic-ai/sdk/core/streaming';
import { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import type { Message, MessageStreamEvent as SdkStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatJob } from '../../../libs/contracts';
import { FIXTURES } from '../../../libs/providers/shared/testing/recorded-fixtures';
import { StreamTranslator } from '../../../libs/providers/openai-compatible/stream-translator';
import { translateCompletion } from '../../../libs/providers/openai-compatible/translate-completion';
import { formatSseEvent } from '../chat/format-sse-event';
import { gatewayChunkSchema, gatewayCompletionSchema, type GatewayChunk } from '../../../libs/contracts';
import { MessageStreamTranslator } from './message-stream-translator';
import { parseToolInput } from './parse-tool-input';
import { toAnthropicMessage, type AnthropicMessageBody } from './to-anthropic-message';

/**
 * Real provider answers (test/fixtures/providers) through the OpenAI-compatible
 * worker's translation, then through this endpoint's: what Anthropic's own SDK assembles from our
 * stream must say exactly what the provider said.
 */
const OPENAI_COMPATIBLE = ['openai', 'deepseek', 'groq', 'mistral', 'xai'];
const pricing = { prompt: 1e-6, completion: 2e-6, request: 0 };

const job = (stream: boolean): ChatJob => ({
  generationId: 'gen-fixture',
  attempt: 0,
  model: 'author/public-model',
  endpoint: { providerId: 'p', providerName: 'P', upstreamModel: 'upstream-model', pricing },
  stream,
  deadline: Date.now() + 60_000,
  request: { model: 'author/public-model', messages: [{ role: 'user', content: 'Hi' }], stream },
});

const fixtures = (suffix: string) =>
  OPENAI_COMPATIBLE.flatMap((dir) =>
    readdirSync(path.join(FIXTURES, dir))
      .filter((file) => file.endsWith(suffix))
      .map((file) => `${dir}/${file}`),
  ).sort();

const read = (fixture: string) => readFileSync(path.join(FIXTURES, fixture), 'utf8');

/** The gateway chunks the OpenAI-compatible worker sends for a recorded stream. */
function gatewayChunks(fixture: string): GatewayChunk[] {
  const translator = new StreamTranslator(job(true));
  const lines = read(fixture).split('\n').filter(Boolean);
  const chunks = [...lines.flatMap((line) => translator.push(line)), translator.finish().usageChunk];
  return chunks.map((chunk) => gatewayChunkSchema.parse(JSON.parse(chunk)));
}

interface Expected {
  text: string;
  thinking: string;
  tools: { id: string; name: string; input: Record<string, unknown> }[];
  outputTokens: number;
}

/** What an OpenAI client would assemble from the gateway chunks. */
function assembled(chunks: GatewayChunk[]): Expected {
  const calls = new Map<number, { id: string; name: string; args: string }>();
  let text = '';
  let thinking = '';
  for (const { delta } of chunks.flatMap((chunk) => chunk.choices)) {
    text += delta.content ?? '';
    thinking += delta.reasoning ?? '';
    for (const call of delta.tool_calls ?? []) {
      const known = calls.get(call.index) ?? { id: call.id ?? '', name: call.function?.name ?? '', args: '' };
      known.args += call.function?.arguments ?? '';
      calls.set(call.index, known);
    }
  }
  const tools = [...calls.values()].map((call) => ({
    id: call.id,
    name: call.name,
    input: parseToolInput(call.args),
  }));
  return { text, thinking, tools, outputTokens: chunks.at(-1)?.usage?.completion_tokens ?? 0 };
}

/** Our events as SSE bytes, read back by the SDK's SSE parser, then assembled by the SDK's MessageStream. */
async function sdkMessage(chunks: GatewayChunk[]): Promise<{ events: SdkStreamEvent[]; message: Message }> {
  const translator = new MessageStreamTranslator();
  const sse = [...chunks.flatMap((chunk) => translator.push(chunk)), ...translator.finish()]
    .map(formatSseEvent)
    .join('');
  const events: SdkStreamEvent[] = [];
  for await (const event of Stream.fromSSEResponse<SdkStreamEvent>(
    new Response(sse),
    new AbortController(),
  )) {
    events.push(event);
  }
  const lines = new Blob(events.map((event) => `${JSON.stringify(event)}\n`)).stream();
  return { events, message: await MessageStream.fromReadableStream(lines).finalMessage() };
}

function contentOf(message: Pick<Message, 'content'> | AnthropicMessageBody): Expected {
  let text = '';
  let thinking = '';
  const tools: Expected['tools'] = [];
  for (const block of message.content) {
    if (block.type === 'text') text += block.text;
    else if (block.type === 'thinking') thinking += block.thinking;
    else if (block.type === 'tool_use') {
      tools.push({ id: block.id, name: block.name, input: block.input as Record<string, unknown> });
    }
  }
  return { text, thinking, tools, outputTokens: 0 };
}

describe('recorded streams, as Anthropic events', () => {
  it.each(fixtures('.chunks.txt'))('%s', async (fixture) => {
    const chunks = gatewayChunks(fixture);
    const expected = assembled(chunks);
    const { events, message } = await sdkMessage(chunks);

    expect(events[0].type).toBe('message_start');
    expect(events.slice(-2).map((event) => event.type)).toEqual(['message_delta', 'message_stop']);
    expect({ ...contentOf(message), outputTokens: message.usage.output_tokens }).toEqual(expected);
    expect(message.id).toBe('gen-fixture');
    expect(message.model).toBe('author/public-model');
    const finishReason = chunks
      .flatMap((chunk) => chunk.choices)
      .findLast((c) => c.finish_reason)?.finish_reason;
    expect(message.stop_reason).toBe(STOP_REASONS[finishReason ?? 'stop']);
    const kinds = message.content.map((block) => block.type);
    expect(kinds).toEqual([...kinds].sort((a, b) => blockOrder(a) - blockOrder(b)));
  });
});

describe('recorded completions, as Anthropic messages', () => {
  it.each(fixtures('.json').filter((fixture) => !fixture.includes('error')))('%s', (fixture) => {
    const completion = gatewayCompletionSchema.parse(
      JSON.parse(translateCompletion(job(false), JSON.parse(read(fixture))).body),
    );
    const message = toAnthropicMessage(completion);
    const [choice] = completion.choices;
    expect(contentOf(message)).toEqual({
      text: choice.message.content ?? '',
      thinking: choice.message.reasoning ?? '',
      tools: (choice.message.tool_calls ?? []).map((call) => ({
        id: call.id,
        name: call.function.name,
        input: parseToolInput(call.function.arguments),
      })),
      outputTokens: 0,
    });
    expect(message.usage.output_tokens).toBe(completion.usage.completion_tokens);
  });
});

const STOP_REASONS: Record<string, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
};

/** Claude's order: thinking, then text, then tool calls. */
function blockOrder(type: string): number {
  return ['thinking', 'redacted_thinking', 'text', 'tool_use'].indexOf(type);
}
