import type { AttemptSummary, ChatJob, ChunkDelta, FinishReason } from '../../contracts';
import { invalidResponseError } from '../shared/invalid-response-error';
import { isReasoningExcluded } from '../shared/openrouter-reasoning';
import type { StreamTranslation } from '../provider-adapter';
import { parseStreamEvent, readProviderBody } from '../shared/read-provider-body';
import {
  finishStream,
  nowInSeconds,
  responseEnvelope,
  SingleChoiceChunks,
  type ResponseEnvelope,
} from '../shared/response-envelope';
import { streamEventSchema, type AnthropicUsage, type StreamEvent } from './anthropic-api';
import { reportedAnthropicError } from './anthropic-error';
import { convertUsage, mergeUsage } from './convert-usage';
import { DeliveredText } from '../shared/delivered-text';
import { estimateUsage } from '../shared/estimate-usage';
import { partialSummary } from '../shared/partial-summary';
import { mapStopReason } from './map-stop-reason';
import { encryptedReasoningDetail, textReasoningDetail } from './reasoning-details';
import { answersThroughJsonTool, JSON_TOOL_NAME } from './response-format';
import { supportedRequest } from './supported-request';

/** A content block between its `content_block_start` and `content_block_stop`. */
type OpenBlock =
  | { kind: 'text' }
  | { kind: 'tool'; index: number; sentArguments: boolean }
  | { kind: 'json'; sentText: boolean }
  | { kind: 'thinking'; detailIndex: number }
  | { kind: 'ignored' };

type EventOf<T extends StreamEvent['type']> = Extract<StreamEvent, { type: T }>;

/**
 * Turns Anthropic's SSE stream, one event at a time, into OpenRouter's `chat.completion.chunk`s
 * under the gateway's generation id and the public model id.
 *
 * - `text_delta`s are content deltas; `thinking_delta`s reasoning deltas, with a `reasoning.text`
 *   detail per piece and one more for the block's signature (same index: the client joins them);
 *   a redacted block is one `reasoning.encrypted` detail.
 * - A `tool_use` block is a tool call whose `index` is its ordinal among the tool calls; its first
 *   delta carries id, type, name and empty arguments, each `input_json_delta` the next piece. A call
 *   whose input streamed nothing gets `{}`, so that clients parse JSON, not an empty string.
 * - `message_delta` carries the stop reason, sent in a last choice chunk; usage comes from
 *   `message_start` and every `message_delta`, and is sent priced by `finish()` (counted from what
 *   was delivered when there was none).
 * - The stream is complete once `message_stop` came. An `error` event is the provider failing
 *   (an overload is retryable). A repeated `message_start` (seen from proxies) is passed over.
 * https://platform.claude.com/docs/en/build-with-claude/streaming
 */
export class AnthropicStreamTranslator implements StreamTranslation {
  private readonly created = nowInSeconds();
  private readonly chunks = new SingleChoiceChunks<ChunkDelta>();
  private readonly answeredThroughJsonTool: boolean;
  private readonly excludeReasoning: boolean;
  private readonly blocks = new Map<number, OpenBlock>();
  private readonly delivered = new DeliveredText();
  private upstreamId: string | null = null;
  private started = false;
  private stopped = false;
  private usage: AnthropicUsage = {};
  private nativeFinishReason: string | null = null;
  private toolCallCount = 0;
  private detailCount = 0;

  constructor(private readonly job: ChatJob) {
    const request = supportedRequest(job);
    this.answeredThroughJsonTool = answersThroughJsonTool(request);
    this.excludeReasoning = isReasoningExcluded(request);
  }

  push(data: string): string[] {
    const text = data.trim();
    if (text === '') return [];
    const event = this.parse(text);
    switch (event.type) {
      case 'message_start':
        if (!this.started) {
          this.started = true;
          this.upstreamId = event.message.id ?? null;
          this.usage = mergeUsage(this.usage, event.message.usage);
        }
        return [];
      case 'content_block_start':
        return this.startBlock(event).map((delta) => this.chunk(delta));
      case 'content_block_delta':
        return this.blockDelta(event, text).map((delta) => this.chunk(delta));
      case 'content_block_stop':
        return this.stopBlock(event.index).map((delta) => this.chunk(delta));
      case 'message_delta':
        return this.messageDelta(event);
      case 'message_stop':
        this.stopped = true;
        return [];
      case 'error':
        throw (
          reportedAnthropicError(event, text, { name: this.job.endpoint.providerName }) ??
          invalidResponseError(this.job.endpoint.providerName, text, 'an error event without an error')
        );
      case 'ping':
      case 'ignored':
        return [];
    }
  }

  get complete(): boolean {
    return this.stopped;
  }

  finish(): { usageChunk: string; summary: AttemptSummary } {
    const usage =
      convertUsage(this.usage, this.job.endpoint.pricing) ?? estimateUsage(this.job, this.delivered, null);
    return finishStream(this.envelope(), {
      finishReason: this.finishReason(),
      nativeFinishReason: this.nativeFinishReason,
      usage,
      upstreamId: this.upstreamId,
    });
  }

  /** `message_start`'s input counts are exact; its `output_tokens` is only a start, outgrown by the estimate. */
  partial(): AttemptSummary | null {
    return partialSummary(this.job, this.delivered, convertUsage(this.usage, this.job.endpoint.pricing), {
      upstreamId: this.upstreamId,
      nativeFinishReason: this.nativeFinishReason,
    });
  }

  private startBlock(event: EventOf<'content_block_start'>): ChunkDelta[] {
    const block = event.content_block;
    switch (block.type) {
      case 'text':
        this.blocks.set(event.index, { kind: 'text' });
        return block.text === '' ? [] : [{ content: block.text }];
      case 'tool_use': {
        if (this.answeredThroughJsonTool && block.name === JSON_TOOL_NAME) {
          this.blocks.set(event.index, { kind: 'json', sentText: false });
          return [];
        }
        const index = this.toolCallCount++;
        this.blocks.set(event.index, { kind: 'tool', index, sentArguments: false });
        return [
          {
            tool_calls: [
              { index, id: block.id, type: 'function', function: { name: block.name, arguments: '' } },
            ],
          },
        ];
      }
      case 'thinking': {
        const detailIndex = this.detailCount++;
        this.blocks.set(event.index, { kind: 'thinking', detailIndex });
        return this.thinkingDelta(block.thinking, detailIndex, block.signature ?? undefined);
      }
      case 'redacted_thinking': {
        const detail = encryptedReasoningDetail(block.data, this.detailCount++);
        this.blocks.set(event.index, { kind: 'ignored' });
        return this.excludeReasoning ? [] : [{ reasoning_details: [detail] }];
      }
      case 'ignored':
        this.blocks.set(event.index, { kind: 'ignored' });
        return [];
    }
  }

  private blockDelta(event: EventOf<'content_block_delta'>, raw: string): ChunkDelta[] {
    const block = this.blocks.get(event.index);
    const delta = event.delta;
    if (!block) {
      throw invalidResponseError(
        this.job.endpoint.providerName,
        raw,
        `a delta for block ${event.index}, never started`,
      );
    }
    if (block.kind === 'ignored' || delta.type === 'ignored') return [];
    if (block.kind === 'text' && delta.type === 'text_delta')
      return delta.text === '' ? [] : [{ content: delta.text }];
    if (block.kind === 'thinking' && delta.type === 'thinking_delta') {
      return this.thinkingDelta(delta.thinking, block.detailIndex);
    }
    if (block.kind === 'thinking' && delta.type === 'signature_delta') {
      return this.thinkingDelta('', block.detailIndex, delta.signature);
    }
    if (block.kind === 'tool' && delta.type === 'input_json_delta') {
      if (delta.partial_json === '') return [];
      block.sentArguments = true;
      return [{ tool_calls: [{ index: block.index, function: { arguments: delta.partial_json } }] }];
    }
    if (block.kind === 'json' && delta.type === 'input_json_delta') {
      if (delta.partial_json === '') return [];
      block.sentText = true;
      return [{ content: delta.partial_json }];
    }
    throw invalidResponseError(
      this.job.endpoint.providerName,
      raw,
      `${delta.type} for a ${block.kind} block`,
    );
  }

  private stopBlock(index: number): ChunkDelta[] {
    const block = this.blocks.get(index);
    this.blocks.delete(index);
    if (block?.kind === 'tool' && !block.sentArguments) {
      return [{ tool_calls: [{ index: block.index, function: { arguments: '{}' } }] }];
    }
    if (block?.kind === 'json' && !block.sentText) return [{ content: '{}' }];
    return [];
  }

  /** The stop reason, in a last choice chunk (with a refusal's explanation, when Anthropic gives one). */
  private messageDelta(event: EventOf<'message_delta'>): string[] {
    this.usage = mergeUsage(this.usage, event.usage);
    if (!event.delta.stop_reason) return [];
    this.nativeFinishReason = event.delta.stop_reason;
    const explanation =
      event.delta.stop_reason === 'refusal' ? event.delta.stop_details?.explanation : undefined;
    return [this.chunk(explanation ? { refusal: explanation } : {}, this.finishReason())];
  }

  /** Reasoning text and its detail; a signature alone is a detail with empty text. */
  private thinkingDelta(text: string, detailIndex: number, signature?: string): ChunkDelta[] {
    if (this.excludeReasoning || (text === '' && !signature)) return [];
    return [
      {
        ...(text !== '' && { reasoning: text }),
        reasoning_details: [textReasoningDetail(text, detailIndex, signature)],
      },
    ];
  }

  private chunk(delta: ChunkDelta, finishReason: FinishReason | null = null): string {
    this.delivered.add(delta);
    return this.chunks.chunk(this.envelope(), delta, finishReason, this.nativeFinishReason);
  }

  private finishReason(): FinishReason | null {
    return mapStopReason(this.nativeFinishReason, this.answeredThroughJsonTool);
  }

  private parse(text: string): StreamEvent {
    const providerName = this.job.endpoint.providerName;
    const json = parseStreamEvent(providerName, text);
    return readProviderBody(providerName, streamEventSchema, json, text);
  }

  private envelope(): ResponseEnvelope {
    return responseEnvelope(this.job, 'chat.completion.chunk', this.created);
  }
}
