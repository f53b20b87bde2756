import type { AttemptSummary, ChatJob, Usage } from '../../contracts';
import { estimatePromptTokens, tokenizerEncoding } from '../../tokens';
import { priceTokens } from './price-tokens';

/** One input's vector as the provider gave it: floats, or OpenAI's base64 of little-endian float32. */
export type Embedding = number[] | string;

/** Floats as OpenAI's `encoding_format: base64` sends them, for providers that give floats only. */
export function toBase64Embedding(values: readonly number[]): string {
  return Buffer.from(new Float32Array(values).buffer).toString('base64');
}

/**
 * An embeddings answer as the gateway returns it, OpenAI's `list` of `embedding`s under the
 * generation id and the public model id, with usage priced from the catalog (prompt tokens only);
 * counted by the gateway (`usage_estimated`) when the provider reports none.
 * https://platform.openai.com/docs/api-reference/embeddings/object
 */
export function embeddingsAnswer(
  job: ChatJob,
  embeddings: Embedding[],
  reportedPromptTokens: number | null,
): { body: string; summary: AttemptSummary } {
  const promptTokens =
    reportedPromptTokens ?? estimatePromptTokens(job.request, tokenizerEncoding(job.model));
  const usage: Usage = {
    prompt_tokens: promptTokens,
    completion_tokens: 0,
    total_tokens: promptTokens,
    cost: priceTokens(promptTokens, 0, job.endpoint.pricing),
    ...(reportedPromptTokens === null && { usage_estimated: true as const }),
  };
  const body = {
    id: job.generationId,
    object: 'list',
    model: job.model,
    provider: job.endpoint.providerName,
    data: embeddings.map((embedding, index) => ({ object: 'embedding', index, embedding })),
    usage,
  };
  return {
    body: JSON.stringify(body),
    // A whole answer: 'stop', so that zero-completion insurance (no completion tokens, no finish
    // reason) does not waive the charge of an answer that has no completion tokens by nature.
    summary: { finishReason: 'stop', nativeFinishReason: null, usage, upstreamId: null },
  };
}
