import type { GatewayChunk, GatewayUsage, ToolCallDelta } from '../../../libs/contracts';
import {
  incompleteReason,
  itemId,
  responseObject,
  toResponseUsage,
  type ResponseHead,
  type ResponseSettings,
} from './response-object';
import { functionCallItem, messageItem, reasoningItem } from './to-response';

export interface ResponseStreamEvent {
  type: string;
  sequence_number: number;
  [field: string]: unknown;
}

type OpenItem =
  | { kind: 'reasoning'; index: number; id: string; text: string; encrypted: string | null }
  | { kind: 'message'; index: number; id: string; text: string }
  | { kind: 'call'; index: number; id: string; callId: string; name: string; args: string };

/**
 * The gateway's `chat.completion.chunk`s, one at a time, as the Responses event stream:
 * `response.created` and `response.in_progress` with the first chunk; an output item per run of
 * reasoning (its text as a summary), per run of text (one `output_text` part) and per tool call
 * (by its index: parallel calls may interleave), each opened with `output_item.added` and closed,
 * when another kind begins or the answer ends, with its `.done` events; at `finish()`
 * `response.completed` (`response.incomplete` when cut by `max_output_tokens`) carrying the whole
 * output and usage with cost. A refusal streams as text.
 * https://platform.openai.com/docs/api-reference/responses-streaming
 */
export class ResponseStreamTranslator {
  private head: ResponseHead | null = null;
  private sequence = 0;
  private readonly output: unknown[] = [];
  private open: OpenItem[] = [];
  private readonly calls = new Map<number, Extract<OpenItem, { kind: 'call' }>>();
  private finishReason: string | null = null;
  private usage: GatewayUsage | null = null;
  private provider: unknown;

  constructor(
    private readonly settings: ResponseSettings,
    private readonly createdAt = Math.floor(Date.now() / 1000),
  ) {}

  get started(): boolean {
    return this.head !== null;
  }

  push(chunk: GatewayChunk): ResponseStreamEvent[] {
    const events: ResponseStreamEvent[] = [];
    if (!this.head) {
      this.head = { id: chunk.id, model: chunk.model, createdAt: this.createdAt, settings: this.settings };
      this.provider = chunk.provider;
      const response = this.response('in_progress');
      events.push(
        this.event('response.created', { response }),
        this.event('response.in_progress', { response }),
      );
    }
    this.usage = chunk.usage ?? this.usage;
    const choice = chunk.choices[0];
    if (!choice) return events;
    const { delta } = choice;
    const encrypted = delta.reasoning_details?.find((detail) => detail.type === 'reasoning.encrypted');
    if (delta.reasoning || encrypted)
      events.push(...this.reasoning(delta.reasoning ?? '', encrypted?.data ?? null));
    const text = (delta.content ?? '') + (delta.refusal ?? '');
    if (text) events.push(...this.text(text));
    for (const call of delta.tool_calls ?? []) events.push(...this.toolCall(call));
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    return events;
  }

  /** The end of a complete answer: every open item closed, then the whole response. */
  finish(): ResponseStreamEvent[] {
    if (!this.head) return [];
    const events = this.closeAll();
    const reason = incompleteReason(this.finishReason);
    const response = responseObject(this.head, {
      status: reason ? 'incomplete' : 'completed',
      output: this.output,
      usage: toResponseUsage(this.usage),
      incompleteReason: reason,
      provider: this.provider,
    });
    events.push(this.event(reason ? 'response.incomplete' : 'response.completed', { response }));
    return events;
  }

  /** A failure after the stream began: `response.failed` with what was completed. */
  fail(error: { code: string; message: string }): ResponseStreamEvent[] {
    if (!this.head) return [];
    const response = responseObject(this.head, {
      status: 'failed',
      output: this.output.filter((item) => item !== null),
      error,
      provider: this.provider,
    });
    return [this.event('response.failed', { response })];
  }

  private reasoning(text: string, encrypted: string | null): ResponseStreamEvent[] {
    let item = this.open.find((open) => open.kind === 'reasoning');
    const events: ResponseStreamEvent[] = [];
    if (!item) {
      events.push(...this.closeAll());
      item = { kind: 'reasoning', index: this.nextIndex(), id: '', text: '', encrypted: null };
      item.id = itemId('rs', this.head!.id, item.index);
      this.open.push(item);
      events.push(this.added(item, { type: 'reasoning', id: item.id, summary: [] }));
    }
    if (encrypted) item.encrypted = encrypted;
    if (text) {
      const at = { item_id: item.id, output_index: item.index, summary_index: 0 };
      if (!item.text) {
        events.push(this.event('response.reasoning_summary_part.added', { ...at, part: summaryPart('') }));
      }
      item.text += text;
      events.push(this.event('response.reasoning_summary_text.delta', { ...at, delta: text }));
    }
    return events;
  }

  private text(text: string): ResponseStreamEvent[] {
    let item = this.open.find((open) => open.kind === 'message');
    const events: ResponseStreamEvent[] = [];
    if (!item) {
      events.push(...this.closeAll());
      const index = this.nextIndex();
      item = { kind: 'message', index, id: itemId('msg', this.head!.id, index), text: '' };
      this.open.push(item);
      events.push(
        this.added(item, {
          type: 'message',
          id: item.id,
          status: 'in_progress',
          role: 'assistant',
          content: [],
        }),
        this.event('response.content_part.added', { ...this.contentAt(item), part: textPart('') }),
      );
    }
    item.text += text;
    events.push(
      this.event('response.output_text.delta', { ...this.contentAt(item), delta: text, logprobs: [] }),
    );
    return events;
  }

  private toolCall(call: ToolCallDelta): ResponseStreamEvent[] {
    let item = this.calls.get(call.index);
    const events: ResponseStreamEvent[] = [];
    if (!item) {
      events.push(...this.close((open) => open.kind !== 'call'));
      const index = this.nextIndex();
      const id = itemId('fc', this.head!.id, index);
      item = { kind: 'call', index, id, callId: call.id ?? id, name: call.function.name ?? '', args: '' };
      this.calls.set(call.index, item);
      this.open.push(item);
      events.push(
        this.added(item, {
          type: 'function_call',
          id,
          call_id: item.callId,
          name: item.name,
          arguments: '',
          status: 'in_progress',
        }),
      );
    }
    if (call.function.arguments) {
      item.args += call.function.arguments;
      events.push(
        this.event('response.function_call_arguments.delta', {
          item_id: item.id,
          output_index: item.index,
          delta: call.function.arguments,
        }),
      );
    }
    return events;
  }

  private closeAll(): ResponseStreamEvent[] {
    return this.close(() => true);
  }

  private close(which: (item: OpenItem) => boolean): ResponseStreamEvent[] {
    const closing = this.open.filter(which);
    this.open = this.open.filter((item) => !which(item));
    return closing.flatMap((item) => this.done(item));
  }

  private done(item: OpenItem): ResponseStreamEvent[] {
    const at = { item_id: item.id, output_index: item.index };
    let final: Record<string, unknown>;
    const events: ResponseStreamEvent[] = [];
    switch (item.kind) {
      case 'reasoning':
        if (item.text) {
          const summary = { ...at, summary_index: 0 };
          events.push(
            this.event('response.reasoning_summary_text.done', { ...summary, text: item.text }),
            this.event('response.reasoning_summary_part.done', { ...summary, part: summaryPart(item.text) }),
          );
        }
        final = reasoningItem(
          item.id,
          item.text,
          item.encrypted ? [{ type: 'reasoning.encrypted', data: item.encrypted }] : [],
        );
        break;
      case 'message':
        events.push(
          this.event('response.output_text.done', { ...this.contentAt(item), text: item.text, logprobs: [] }),
          this.event('response.content_part.done', { ...this.contentAt(item), part: textPart(item.text) }),
        );
        final = messageItem(item.id, item.text);
        break;
      case 'call':
        events.push(
          this.event('response.function_call_arguments.done', {
            ...at,
            name: item.name,
            arguments: item.args,
          }),
        );
        final = functionCallItem(item.id, { id: item.callId, name: item.name, arguments: item.args });
        break;
    }
    this.output[item.index] = final;
    events.push(this.event('response.output_item.done', { output_index: item.index, item: final }));
    return events;
  }

  private nextIndex(): number {
    // Items are numbered as they open; closed ones hold their place in `output`.
    const index = this.output.length;
    this.output.push(null);
    return index;
  }

  private added(item: OpenItem, shape: Record<string, unknown>): ResponseStreamEvent {
    return this.event('response.output_item.added', { output_index: item.index, item: shape });
  }

  private contentAt(item: OpenItem) {
    return { item_id: item.id, output_index: item.index, content_index: 0 };
  }

  private response(status: 'in_progress'): Record<string, unknown> {
    return responseObject(this.head!, { status, output: [], provider: this.provider });
  }

  private event(type: string, fields: Record<string, unknown>): ResponseStreamEvent {
    return { type, sequence_number: this.sequence++, ...fields };
  }
}

const summaryPart = (text: string) => ({ type: 'summary_text', text });
const textPart = (text: string) => ({ type: 'output_text', text, annotations: [], logprobs: [] });
