import type { AttemptSummary, ChatJob, FinishReason } from '../../contracts';

/** The time OpenRouter's `created` field gives, in whole seconds. */
export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * The fields an OpenRouter `chat.completion` or `chat.completion.chunk` opens with: the gateway's
 * generation id, the public model id and the provider's name, never the upstream's own.
 * https://openrouter.ai/docs/api-reference/chat-completion
 */
export function responseEnvelope(
  job: ChatJob,
  object: 'chat.completion' | 'chat.completion.chunk',
  created: number,
) {
  return {
    id: job.generationId,
    object,
    created,
    model: job.model,
    provider: job.endpoint.providerName,
  };
}

export type ResponseEnvelope = ReturnType<typeof responseEnvelope>;

/** The end of a translated stream: the priced usage in a chunk of its own, and the attempt's summary. */
export function finishStream(
  envelope: ResponseEnvelope,
  summary: AttemptSummary,
): { usageChunk: string; summary: AttemptSummary } {
  return {
    usageChunk: JSON.stringify({ ...envelope, choices: [], usage: summary.usage }),
    summary,
  };
}

/**
 * Chunks of a stream that has one choice: the first delta says the role, a delta with a finish
 * reason carries the native one too.
 */
export class SingleChoiceChunks<Delta extends object> {
  private sentFirstChunk = false;

  chunk(
    envelope: ResponseEnvelope,
    delta: Delta,
    finishReason: FinishReason | null,
    nativeFinishReason: string | null,
  ): string {
    const role = this.sentFirstChunk ? {} : { role: 'assistant' as const };
    this.sentFirstChunk = true;
    return JSON.stringify({
      ...envelope,
      choices: [
        {
          index: 0,
          delta: { ...role, ...delta },
          finish_reason: finishReason,
          ...(finishReason && { native_finish_reason: nativeFinishReason }),
        },
      ],
    });
  }
}
