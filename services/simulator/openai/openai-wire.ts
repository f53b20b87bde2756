import { randomUUID } from 'node:crypto';
import type { EventStream } from '../protocol';
import { splitArguments, type Completion, type PlannedToolCall } from '../reply';

/**
 * OpenAI's Chat Completions wire format, field for field and in OpenAI's key order, as recorded in
 * test/fixtures/providers/openai/ (minus `obfuscation`, random padding no client reads).
 * https://platform.openai.com/docs/api-reference/chat/object
 * https://platform.openai.com/docs/api-reference/chat-streaming
 */
const SYSTEM_FINGERPRINT = 'fp_simulator';
const SERVICE_TIER = 'default';
const DONE_EVENT = 'data: [DONE]\n\n';

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
};

/** The models the simulator serves; `created` is the catalog's date for switchyard/echo. */
export const MODEL_LIST = {
  object: 'list',
  data: [{ id: 'echo', object: 'model', created: 1767225600, owned_by: 'switchyard' }],
};

/** What every chunk and the completion of one response share. */
export interface ResponseMeta {
  id: string;
  created: number;
  model: string;
}

type Delta = Record<string, unknown>;

export function newResponseMeta(model: string): ResponseMeta {
  const id = `chatcmpl-sim-${randomUUID().replaceAll('-', '')}`;
  return { id, created: Math.floor(Date.now() / 1000), model };
}

export function chatCompletion(completion: Completion, meta: ResponseMeta) {
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      { index: 0, message: message(completion), logprobs: null, finish_reason: completion.finishReason },
    ],
    ...(completion.reportsUsage && { usage: usage(completion) }),
    service_tier: SERVICE_TIER,
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

/**
 * One chunk per token (or argument fragment), an empty delta with the finish reason, the usage chunk when
 * asked for with `stream_options.include_usage` (earlier chunks then carry `usage: null`), then `[DONE]`.
 * A completion that does not report usage is streamed as if it was not asked for.
 */
export function streamEvents(
  completion: Completion,
  meta: ResponseMeta,
  askedForUsage: boolean,
): EventStream {
  const includeUsage = askedForUsage && completion.reportsUsage;
  const event = (choices: unknown[], chunkUsage: unknown = null) =>
    sseEvent(JSON.stringify(chunk(meta, choices, includeUsage ? { usage: chunkUsage } : {})));
  const deltas =
    completion.toolCalls.length > 0 ? toolCallDeltas(completion.toolCalls) : textDeltas(completion.tokens);
  const [opening, ...steps] = deltas.map((delta) => event([choice(delta, null)]));
  const closing = [event([choice({}, completion.finishReason)])];
  if (includeUsage) closing.push(event([], usage(completion)));
  closing.push(DONE_EVENT);
  return { opening: [opening], steps, closing };
}

/** A recorded stream as OpenAI-compatible providers send it: each payload a `data:` event, then `[DONE]`. */
export function recordedStream(lines: string[]): EventStream {
  return { opening: [], steps: lines.map(sseEvent), closing: [DONE_EVENT] };
}

function sseEvent(json: string): string {
  return `data: ${json}\n\n`;
}

function chunk(meta: ResponseMeta, choices: unknown[], usageField: { usage?: unknown }) {
  return {
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    service_tier: SERVICE_TIER,
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices,
    ...usageField,
  };
}

function choice(delta: Delta, finishReason: string | null) {
  return { index: 0, delta, logprobs: null, finish_reason: finishReason };
}

function textDeltas(tokens: string[]): Delta[] {
  return [{ role: 'assistant', content: '', refusal: null }, ...tokens.map((content) => ({ content }))];
}

/**
 * As OpenAI streams tool calls: the first delta opens the message and the first call (id, name, empty
 * arguments), each later call opens with its own delta, and arguments follow a few characters at a time.
 */
function toolCallDeltas(calls: PlannedToolCall[]): Delta[] {
  return calls.flatMap((call, index) => {
    const opening = { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
    const first: Delta =
      index === 0
        ? { role: 'assistant', content: null, tool_calls: [opening], refusal: null }
        : { tool_calls: [opening] };
    const fragments = splitArguments(call.arguments).map((args) => ({
      tool_calls: [{ index, function: { arguments: args } }],
    }));
    return [first, ...fragments];
  });
}

function message(completion: Completion) {
  if (completion.toolCalls.length === 0) {
    return { role: 'assistant', content: completion.tokens.join(''), refusal: null, annotations: [] };
  }
  const toolCalls = completion.toolCalls.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
  return { role: 'assistant', content: null, tool_calls: toolCalls, refusal: null, annotations: [] };
}

function usage({ usage: counts }: Completion) {
  return {
    prompt_tokens: counts.promptTokens,
    completion_tokens: counts.completionTokens,
    total_tokens: counts.promptTokens + counts.completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
