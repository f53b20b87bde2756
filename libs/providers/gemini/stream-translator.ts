import type { AttemptSummary, ChatJob, ChunkDelta, FinishReason } from '../../contracts';
import type { StreamTranslation } from '../provider-adapter';
import { parseStreamEvent, readProviderBody } from '../shared/read-provider-body';
import {
  finishStream,
  nowInSeconds,
  responseEnvelope,
  SingleChoiceChunks,
  type ResponseEnvelope,
} from '../shared/response-envelope';
import { reportedGeminiError } from './classify-error';
import { convertUsage } from './convert-usage';
import { DeliveredText } from '../shared/delivered-text';
import { estimateUsage } from '../shared/estimate-usage';
import { partialSummary } from '../shared/partial-summary';
import {
  generateContentResponseSchema,
  type GeminiPart,
  type GenerateContentResponse,
  type UsageMetadata,
} from './gemini-api';
import { mapFinishReason } from './map-finish-reason';
import { mergePartialArgs } from './merge-partial-args';
import { encryptedReasoningDetail } from './reasoning-details';
import { toolCallId } from './tool-call-id';

type FunctionCall = NonNullable<GeminiPart['functionCall']>;

/** A function call whose arguments are still arriving. */
interface OpenCall {
  index: number;
  id: string;
  args: Record<string, unknown>;
}

/**
 * Turns Gemini's SSE stream, where every event is a whole GenerateContentResponse holding the next
 * parts, into OpenRouter's `chat.completion.chunk`s under the gateway's generation id and the public
 * model id, one chunk per part and a last one with the finish reason.
 *
 * - Text parts are content deltas, thought parts reasoning deltas, thought signatures encrypted
 *   reasoning details (on a function call's first delta, with its id).
 * - A function call takes the next index; its first delta carries id, type, name and empty
 *   arguments, the next one the arguments as JSON. A call sent whole gives both at once; a call
 *   with streamed arguments (`willContinue`, then `partialArgs`, then an empty `functionCall` that
 *   ends it) gives its arguments when it ends, because Gemini streams values by JSON path, not JSON
 *   text.
 * - Gemini sends no `[DONE]`: the stream is complete once a finish reason (or a prompt block) came.
 * - Usage is taken from the last event that carries it and sent priced by `finish()` (counted from
 *   what was delivered when no event carried any).
 * https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 * https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/function-calling#streaming-fc
 */
export class GeminiStreamTranslator implements StreamTranslation {
  private readonly created = nowInSeconds();
  private readonly chunks = new SingleChoiceChunks<ChunkDelta>();
  private upstreamId: string | null = null;
  private usage: UsageMetadata | undefined;
  private nativeFinishReason: string | null = null;
  private promptBlocked = false;
  private toolCallCount = 0;
  private detailCount = 0;
  private openCall: OpenCall | undefined;
  private readonly delivered = new DeliveredText();

  constructor(private readonly job: ChatJob) {}

  push(data: string): string[] {
    const text = data.trim();
    if (text === '') return [];
    const response = this.parse(text);
    this.upstreamId ??= response.responseId ?? null;
    this.usage = response.usageMetadata ?? this.usage;

    const candidate = response.candidates?.[0];
    const deltas = (candidate?.content?.parts ?? []).flatMap((part) => this.partDeltas(part));
    const blockReason = candidate ? undefined : response.promptFeedback?.blockReason;
    const finishReason = candidate?.finishReason ?? blockReason;
    if (!finishReason) return deltas.map((delta) => this.chunk(delta));

    // A call still open at the end is whole as far as it got: its arguments are sent before the end.
    deltas.push(...this.closeOpenCall());
    this.nativeFinishReason = finishReason;
    this.promptBlocked = blockReason !== undefined;
    return [...deltas.map((delta) => this.chunk(delta)), this.chunk({}, this.finishReason())];
  }

  get complete(): boolean {
    return this.nativeFinishReason !== null;
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

  /** Each event's usage counts the answer so far, thoughts included: a floor for the estimate. */
  partial(): AttemptSummary | null {
    return partialSummary(this.job, this.delivered, convertUsage(this.usage, this.job.endpoint.pricing), {
      upstreamId: this.upstreamId,
      nativeFinishReason: this.nativeFinishReason,
    });
  }

  private partDeltas(part: GeminiPart): ChunkDelta[] {
    if (part.functionCall) return this.functionCallDeltas(part.functionCall, part.thoughtSignature);
    const text = part.text ?? '';
    return text === '' && !part.thoughtSignature
      ? []
      : [
          {
            ...(text !== '' && (part.thought ? { reasoning: text } : { content: text })),
            ...this.signatureDelta(part.thoughtSignature),
          },
        ];
  }

  private functionCallDeltas(call: FunctionCall, signature: string | null | undefined): ChunkDelta[] {
    if (!call.name) return this.continueOpenCall(call, signature);
    // A named call starts a new one, which ends any call left open.
    const deltas = this.closeOpenCall();
    const index = this.toolCallCount++;
    const id = toolCallId(this.job.generationId, index, call.id);
    deltas.push({
      tool_calls: [{ index, id, type: 'function', function: { name: call.name, arguments: '' } }],
      ...this.signatureDelta(signature, id),
    });
    const args = mergePartialArgs(call.args ?? {}, call.partialArgs ?? []);
    if (call.willContinue) this.openCall = { index, id, args };
    else deltas.push(argumentsDelta(index, args));
    return deltas;
  }

  private continueOpenCall(call: FunctionCall, signature: string | null | undefined): ChunkDelta[] {
    const open = this.openCall;
    if (!open) return signature ? [this.signatureDelta(signature)] : [];
    open.args = mergePartialArgs(open.args, call.partialArgs ?? []);
    const deltas = signature ? [this.signatureDelta(signature, open.id)] : [];
    if (!call.willContinue) deltas.push(...this.closeOpenCall());
    return deltas;
  }

  private closeOpenCall(): ChunkDelta[] {
    const open = this.openCall;
    this.openCall = undefined;
    return open ? [argumentsDelta(open.index, open.args)] : [];
  }

  private signatureDelta(signature: string | null | undefined, toolCallId?: string): ChunkDelta {
    if (!signature) return {};
    return { reasoning_details: [encryptedReasoningDetail(signature, this.detailCount++, toolCallId)] };
  }

  private finishReason(): FinishReason | null {
    return this.promptBlocked
      ? 'content_filter'
      : mapFinishReason(this.nativeFinishReason, this.toolCallCount > 0);
  }

  private chunk(delta: ChunkDelta, finishReason: FinishReason | null = null): string {
    this.delivered.add(delta);
    return this.chunks.chunk(this.envelope(), delta, finishReason, this.nativeFinishReason);
  }

  private parse(text: string): GenerateContentResponse {
    const providerName = this.job.endpoint.providerName;
    const json = parseStreamEvent(providerName, text);
    return readProviderBody(providerName, generateContentResponseSchema, json, text, (body) =>
      reportedGeminiError(body, text, { name: providerName }),
    );
  }

  private envelope(): ResponseEnvelope {
    return responseEnvelope(this.job, 'chat.completion.chunk', this.created);
  }
}

function argumentsDelta(index: number, args: Record<string, unknown>): ChunkDelta {
  return { tool_calls: [{ index, function: { arguments: JSON.stringify(args) } }] };
}
