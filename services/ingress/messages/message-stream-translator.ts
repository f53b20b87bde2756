import type { FinishReason } from '../../../libs/contracts';
import type { GatewayChunk, GatewayUsage, ReasoningDetail, ToolCallDelta } from '../../../libs/contracts';
import { mapStopReason, type StopReason } from './map-stop-reason';
import type { AnthropicMessageBody } from './to-anthropic-message';
import { toAnthropicUsage, type AnthropicUsage } from './to-anthropic-usage';

type StartedBlock =
  | { type: 'thinking'; thinking: ''; signature: '' }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'text'; text: '' }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, never> };

type BlockDelta =
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'text_delta'; text: string }
  | { type: 'input_json_delta'; partial_json: string };

export type MessageStreamEvent =
  | { type: 'message_start'; message: AnthropicMessageBody }
  | { type: 'content_block_start'; index: number; content_block: StartedBlock }
  | { type: 'content_block_delta'; index: number; delta: BlockDelta }
  | { type: 'content_block_stop'; index: number }
  | {
      type: 'message_delta';
      delta: { stop_reason: StopReason | null; stop_sequence: null };
      usage: AnthropicUsage;
    }
  | { type: 'message_stop' };

/** The block being written: a new one starts whenever the kind changes, or the tool call does. */
interface OpenBlock {
  index: number;
  kind: 'thinking' | 'text' | 'tool_use';
}

/**
 * The gateway's `chat.completion.chunk`s, one at a time, as Anthropic's stream events: `message_start`
 * with the first chunk, a content block per run of reasoning, text or one tool call (by its index),
 * and at `finish()` the stop reason and usage (which the gateway sends last) in `message_delta`,
 * then `message_stop`. The provider's count of input tokens is known only at the end, so
 * `message_start` says the gateway's own count of the prompt (`estimatedInputTokens`) and
 * `message_delta` carries every exact count, as Anthropic's own stream does.
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 */
export class MessageStreamTranslator {
  private messageId: string | null = null;
  private open: OpenBlock | null = null;
  private blockCount = 0;
  /** Tool call index → its block index, for providers that interleave the arguments of parallel calls. */
  private readonly toolBlocks = new Map<number, number>();
  private finishReason: FinishReason | null = null;
  private nativeFinishReason: string | null = null;
  private usage: GatewayUsage | null = null;

  constructor(private readonly estimatedInputTokens = 0) {}

  push(chunk: GatewayChunk): MessageStreamEvent[] {
    const events: MessageStreamEvent[] = [];
    if (this.messageId === null) {
      this.messageId = chunk.id;
      events.push(messageStart(chunk, this.estimatedInputTokens));
    }
    this.usage = chunk.usage ?? this.usage;
    // The gateway answers with one choice (n = 1).
    const choice = chunk.choices[0];
    if (!choice) return events;
    const { delta } = choice;
    if (delta.reasoning_details?.length) {
      for (const detail of delta.reasoning_details) events.push(...this.reasoningDetail(detail));
    } else if (delta.reasoning) {
      events.push(...this.thinking(delta.reasoning));
    }
    const text = (delta.content ?? '') + (delta.refusal ?? '');
    if (text) events.push(...this.blockDelta('text', { type: 'text_delta', text }));
    for (const call of delta.tool_calls ?? []) events.push(...this.toolCall(call));
    if (choice.finish_reason) {
      this.finishReason = choice.finish_reason;
      this.nativeFinishReason = choice.native_finish_reason ?? null;
    }
    return events;
  }

  /** The end of a complete answer; nothing when no chunk ever came. */
  finish(): MessageStreamEvent[] {
    if (this.messageId === null) return [];
    return [
      ...this.closeBlock(),
      {
        type: 'message_delta',
        delta: {
          stop_reason: mapStopReason(this.finishReason, this.nativeFinishReason),
          stop_sequence: null,
        },
        usage: toAnthropicUsage(this.usage),
      },
      { type: 'message_stop' },
    ];
  }

  private thinking(text: string): MessageStreamEvent[] {
    return this.blockDelta('thinking', { type: 'thinking_delta', thinking: text });
  }

  /** A signature ends its thinking block, as in Anthropic's stream; encrypted reasoning is a block of its own. */
  private reasoningDetail(detail: ReasoningDetail): MessageStreamEvent[] {
    switch (detail.type) {
      case 'reasoning.text':
        return [
          ...(detail.text ? this.thinking(detail.text) : []),
          ...(detail.signature
            ? [
                ...this.blockDelta('thinking', { type: 'signature_delta', signature: detail.signature }),
                ...this.closeBlock(),
              ]
            : []),
        ];
      case 'reasoning.summary':
        return detail.summary ? this.thinking(detail.summary) : [];
      case 'reasoning.encrypted':
        if (!detail.data) return [];
        return [
          ...this.closeBlock(),
          this.startBlock('thinking', { type: 'redacted_thinking', data: detail.data }),
          ...this.closeBlock(),
        ];
    }
  }

  private toolCall(call: ToolCallDelta): MessageStreamEvent[] {
    const events: MessageStreamEvent[] = [];
    let index = this.toolBlocks.get(call.index);
    if (index === undefined) {
      events.push(...this.closeBlock());
      const start = this.startBlock('tool_use', {
        type: 'tool_use',
        id: call.id ?? `${this.messageId}-call-${call.index}`,
        name: call.function.name ?? '',
        input: {},
      });
      events.push(start);
      index = start.index;
      this.toolBlocks.set(call.index, index);
    }
    const partialJson = call.function.arguments;
    if (partialJson) {
      events.push({
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: partialJson },
      });
    }
    return events;
  }

  /** A delta to the open block of `kind`, starting that block first when another kind is open. */
  private blockDelta(kind: 'thinking' | 'text', delta: BlockDelta): MessageStreamEvent[] {
    if (this.open?.kind === kind) return [{ type: 'content_block_delta', index: this.open.index, delta }];
    const closed = this.closeBlock();
    const start = this.startBlock(
      kind,
      kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' },
    );
    return [...closed, start, { type: 'content_block_delta', index: start.index, delta }];
  }

  private startBlock(
    kind: OpenBlock['kind'],
    block: StartedBlock,
  ): Extract<MessageStreamEvent, { type: 'content_block_start' }> {
    const index = this.blockCount++;
    this.open = { index, kind };
    return { type: 'content_block_start', index, content_block: block };
  }

  private closeBlock(): MessageStreamEvent[] {
    if (!this.open) return [];
    const { index } = this.open;
    this.open = null;
    return [{ type: 'content_block_stop', index }];
  }
}

function messageStart(chunk: GatewayChunk, inputTokens: number): MessageStreamEvent {
  return {
    type: 'message_start',
    message: {
      id: chunk.id,
      type: 'message',
      role: 'assistant',
      model: chunk.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...toAnthropicUsage(null), input_tokens: inputTokens },
    },
  };
}
