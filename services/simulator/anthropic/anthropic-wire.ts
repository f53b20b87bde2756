import { randomUUID } from 'node:crypto';
import { isRecord } from '../is-record';
import type { EventStream } from '../protocol';
import { splitArguments, type Completion, type FinishReason, type PlannedToolCall } from '../reply';

/**
 * Anthropic's Messages wire format, field for field and in Anthropic's key order, as recorded in
 * test/fixtures/providers/anthropic/.
 * https://docs.claude.com/en/api/messages
 * https://docs.claude.com/en/docs/build-with-claude/streaming
 */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
};

/** https://docs.claude.com/en/api/handling-stop-reasons */
const STOP_REASONS: Record<FinishReason, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
};

/** What every event and the message of one response share. */
export interface MessageMeta {
  id: string;
  model: string;
}

export function newMessageMeta(model: string): MessageMeta {
  return { id: `msg_sim_${randomUUID().replaceAll('-', '')}`, model };
}

/** Tool-use ids in Anthropic's style; the n-th call of a reply is always `toolu_sim_<n>`. */
export function toolUseId(index: number): string {
  return `toolu_sim_${index}`;
}

export function message(completion: Completion, meta: MessageMeta) {
  const content =
    completion.toolCalls.length > 0
      ? completion.toolCalls.map((call, index) => ({
          ...toolUseBlock(call, index),
          input: JSON.parse(call.arguments) as unknown,
        }))
      : [{ type: 'text', text: completion.tokens.join('') }];
  return {
    ...envelope(meta),
    content,
    stop_reason: (completion.finishReason && STOP_REASONS[completion.finishReason]) ?? null,
    stop_sequence: null,
    ...(completion.reportsUsage && { usage: usage(completion, completion.usage.completionTokens) }),
  };
}

/**
 * message_start, then one content block (text, or one tool_use per call) opened by content_block_start,
 * filled by one delta per token or argument fragment (tool input starts with an empty fragment, as
 * Anthropic sends it) and closed by content_block_stop; then message_delta and message_stop.
 */
export function streamEvents(completion: Completion, meta: MessageMeta): EventStream {
  const start = event('message_start', {
    type: 'message_start',
    message: {
      ...envelope(meta),
      content: [],
      stop_reason: null,
      stop_sequence: null,
      ...(completion.reportsUsage && { usage: usage(completion, 1) }),
    },
  });
  const ping = event('ping', { type: 'ping' });
  const blocks =
    completion.toolCalls.length > 0 ? toolUseBlocks(completion.toolCalls) : [textBlock(completion.tokens)];
  const last = blocks.length - 1;
  const steps = blocks.flatMap((block, index) => {
    const [first = '', ...rest] = block.deltas;
    const boundary = index === 0 ? '' : blockStop(index - 1) + block.start;
    return [boundary + first, ...rest];
  });
  const messageDelta = event('message_delta', {
    type: 'message_delta',
    delta: {
      stop_reason: (completion.finishReason && STOP_REASONS[completion.finishReason]) ?? null,
      stop_sequence: null,
    },
    ...(completion.reportsUsage && {
      usage: {
        input_tokens: completion.usage.promptTokens,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: completion.usage.completionTokens,
      },
    }),
  });
  return {
    opening: [start, blocks[0].start, ping],
    steps,
    closing: [blockStop(last), messageDelta, event('message_stop', { type: 'message_stop' })],
  };
}

/** A recorded stream as Anthropic sends it: each payload named by its own `type`. */
export function recordedStream(lines: string[]): EventStream {
  return { opening: [], steps: lines.map((line) => sseEvent(typeOfPayload(line), line)), closing: [] };
}

interface StreamedBlock {
  /** content_block_start; for every block after the first it goes out with that block's first delta. */
  start: string;
  deltas: string[];
}

function textBlock(tokens: string[]): StreamedBlock {
  return {
    start: blockStart(0, { type: 'text', text: '' }),
    deltas: tokens.map((text) => blockDelta(0, { type: 'text_delta', text })),
  };
}

function toolUseBlocks(calls: PlannedToolCall[]): StreamedBlock[] {
  return calls.map((call, index) => {
    const fragments = ['', ...splitArguments(call.arguments)];
    const delta = (partial_json: string) => blockDelta(index, { type: 'input_json_delta', partial_json });
    return {
      start: blockStart(index, { ...toolUseBlock(call, index), input: {} }),
      deltas: fragments.map(delta),
    };
  });
}

function toolUseBlock(call: PlannedToolCall, index: number) {
  return { type: 'tool_use', id: toolUseId(index), name: call.name };
}

function envelope(meta: MessageMeta) {
  return { model: meta.model, id: meta.id, type: 'message', role: 'assistant' };
}

function usage(completion: Completion, outputTokens: number) {
  return {
    input_tokens: completion.usage.promptTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

function blockStart(index: number, contentBlock: unknown): string {
  return event('content_block_start', { type: 'content_block_start', index, content_block: contentBlock });
}

function blockDelta(index: number, delta: unknown): string {
  return event('content_block_delta', { type: 'content_block_delta', index, delta });
}

function blockStop(index: number): string {
  return event('content_block_stop', { type: 'content_block_stop', index });
}

function event(type: string, payload: unknown): string {
  return sseEvent(type, JSON.stringify(payload));
}

function sseEvent(type: string, json: string): string {
  return `event: ${type}\ndata: ${json}\n\n`;
}

function typeOfPayload(line: string): string {
  const payload: unknown = JSON.parse(line);
  if (isRecord(payload) && typeof payload.type === 'string') return payload.type;
  throw new Error(`a recorded Anthropic event has no "type": ${line.slice(0, 80)}`);
}
