import { z } from 'zod';
import type { ProviderConfig } from '../../catalog';
import { embeddingInputs, type ChatJob } from '../../contracts';
import type { EmbeddingsTranslation, UpstreamRequest } from '../provider-adapter';
import { embeddingsAnswer, toBase64Embedding } from '../shared/embeddings-answer';
import { modelPath } from './build-generate-content-request';
import { readProviderBody } from '../shared/read-provider-body';
import { operatorHeaders } from '../shared/operator-headers';

const batchEmbedResponseSchema = z.object({
  embeddings: z.array(z.object({ values: z.array(z.number()) })),
});

/**
 * Gemini's `batchEmbedContents`: one request per input, all in one call, `dimensions` as
 * `outputDimensionality`; authenticated with `x-goog-api-key`.
 * https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
 */
export function buildBatchEmbedRequest(
  job: ChatJob,
  provider: ProviderConfig,
  apiKey: string | undefined,
): UpstreamRequest {
  const asked = job.embeddings!;
  const model = modelPath(job.endpoint.upstreamModel);
  const requests = embeddingInputs(asked).map((text) => ({
    model,
    content: { parts: [{ text }] },
    ...(asked.dimensions && { outputDimensionality: asked.dimensions }),
  }));
  return {
    url: `${provider.baseUrl}/${model}:batchEmbedContents`,
    headers: {
      'content-type': 'application/json',
      ...(apiKey && { 'x-goog-api-key': apiKey }),
      ...operatorHeaders(provider),
    },
    body: JSON.stringify({ requests }),
  };
}

/**
 * Gemini answers floats in input order and counts no tokens: the gateway counts the inputs
 * (`usage_estimated`), and encodes base64 itself when the client asked for it.
 */
export function translateBatchEmbed(job: ChatJob, upstream: unknown) {
  const providerName = job.endpoint.providerName;
  const raw = JSON.stringify(upstream) ?? String(upstream);
  const answer = readProviderBody(providerName, batchEmbedResponseSchema, upstream, raw);
  const base64 = job.embeddings?.encoding_format === 'base64';
  const vectors = answer.embeddings.map(({ values }) => (base64 ? toBase64Embedding(values) : values));
  return embeddingsAnswer(job, vectors, null);
}

export const geminiEmbeddings: EmbeddingsTranslation = {
  buildRequest: buildBatchEmbedRequest,
  translate: translateBatchEmbed,
};
