import type { AttemptSummary, ChatJob } from '../../contracts';
import type { StreamTranslation } from '../provider-adapter';
import { convertDelta } from './convert-delta';
import { convertUsage } from './convert-usage';
import { DeliveredText } from '../shared/delivered-text';
import { estimateUsage } from '../shared/estimate-usage';
import { partialSummary } from '../shared/partial-summary';
import { parseStreamEvent, readProviderBody } from '../shared/read-provider-body';
import {
  finishStream,
  nowInSeconds,
  responseEnvelope,
  type ResponseEnvelope,
} from '../shared/response-envelope';
import { mapFinishReason } from './map-finish-reason';
import { chatChunkSchema } from './openai-compatible-api';
import { isReasoningExcluded } from '../shared/openrouter-reasoning';
import { providerReportedError } from './provider-reported-error';

/**
 * Turns a provider's stream, one SSE event's data at a time, into OpenRouter's
 * `chat.completion.chunk`s under the gateway's generation id and the public model id.
 *
 * Usage is held back, wherever the provider puts it (OpenAI's usage-only last chunk, on the last
 * choice chunk as DeepSeek and Mistral do, Groq's `x_groq.usage`), and sent priced by `finish()` in
 * one chunk of its own, which the gateway always sends last; a stream without usage (a server that
 * ignores `stream_options`, one cut short) is counted from what it delivered. Reasoning is left out
 * of the deltas when the client excluded it (`reasoning.exclude`, `include_reasoning: false`).
 * https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 * https://openrouter.ai/docs/api-reference/streaming
 */
export class StreamTranslator implements StreamTranslation {
  private sawDone = false;
  private created: number | undefined;
  private upstreamId: string | null = null;
  private upstreamUsage: unknown;
  private nativeFinishReason: string | null = null;
  private nextToolCallIndex = 0;
  private readonly includeReasoning: boolean;
  private readonly delivered = new DeliveredText();

  constructor(private readonly job: ChatJob) {
    this.includeReasoning = !isReasoningExcluded(job.request);
  }

  push(data: string): string[] {
    const text = data.trim();
    if (text === '[DONE]') this.sawDone = true;
    if (text === '' || text === '[DONE]') return [];
    const chunk = this.parse(text);

    this.upstreamId ??= chunk.id ?? null;
    // 0 is what sanitised recordings and careless servers send; a client would show 1970.
    this.created ??= chunk.created || nowInSeconds();
    this.upstreamUsage = chunk.usage ?? chunk.x_groq?.usage ?? this.upstreamUsage;
    if (chunk.choices.length === 0) return [];

    const choices = chunk.choices.map((choice, position) => {
      const delta = convertDelta(choice.delta, this.nextToolCallIndex, {
        includeReasoning: this.includeReasoning,
      });
      this.delivered.add(delta);
      for (const call of delta.tool_calls ?? []) {
        this.nextToolCallIndex = Math.max(this.nextToolCallIndex, call.index + 1);
      }
      if (choice.finish_reason) this.nativeFinishReason = choice.finish_reason;
      return {
        index: choice.index ?? position,
        delta,
        finish_reason: mapFinishReason(choice.finish_reason),
        ...(choice.finish_reason && { native_finish_reason: choice.finish_reason }),
        ...(choice.logprobs !== undefined && { logprobs: choice.logprobs }),
      };
    });
    return [JSON.stringify({ ...this.envelope(), choices })];
  }

  /** `[DONE]`, or a finish reason: some servers end without `[DONE]` once the answer is whole. */
  get complete(): boolean {
    return this.sawDone || this.nativeFinishReason !== null;
  }

  finish(): { usageChunk: string; summary: AttemptSummary } {
    const usage =
      convertUsage(this.upstreamUsage, this.job.endpoint.pricing) ??
      estimateUsage(this.job, this.delivered, null);
    return finishStream(this.envelope(), {
      finishReason: mapFinishReason(this.nativeFinishReason),
      nativeFinishReason: this.nativeFinishReason,
      usage,
      upstreamId: this.upstreamId,
    });
  }

  partial(): AttemptSummary | null {
    return partialSummary(
      this.job,
      this.delivered,
      convertUsage(this.upstreamUsage, this.job.endpoint.pricing),
      { upstreamId: this.upstreamId, nativeFinishReason: this.nativeFinishReason },
    );
  }

  private parse(text: string) {
    const providerName = this.job.endpoint.providerName;
    const json = parseStreamEvent(providerName, text);
    return readProviderBody(providerName, chatChunkSchema, json, text, (body) =>
      providerReportedError(providerName, body, text),
    );
  }

  private envelope(): ResponseEnvelope {
    return responseEnvelope(this.job, 'chat.completion.chunk', (this.created ??= nowInSeconds()));
  }
}
