import { z } from 'zod';
import type { ProviderConfig } from '../../catalog';
import { embeddingInputs, type ChatJob } from '../../contracts';
import type { EmbeddingsTranslation, UpstreamRequest } from '../provider-adapter';
import { embeddingsAnswer } from '../shared/embeddings-answer';
import { readProviderBody } from '../shared/read-provider-body';
import { authHeaders } from './auth-headers';
import { providerUrl } from './chat-completions-url';
import { providerReportedError } from './provider-reported-error';
import { operatorHeaders } from '../shared/operator-headers';

const embeddingsResponseSchema = z.object({
  data: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      embedding: z.union([z.array(z.number()), z.string()]),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number().int().nonnegative().nullish() }).loose().nullish(),
});

/**
 * OpenAI's Embeddings endpoint, `<base_url>/embeddings`, spoken by OpenAI, Azure, Mistral, Together,
 * vLLM and most others: the client's inputs and options as they are, on the provider's model name.
 * https://platform.openai.com/docs/api-reference/embeddings/create
 */
export function buildEmbeddingsRequest(
  job: ChatJob,
  provider: ProviderConfig,
  apiKey: string | undefined,
): UpstreamRequest {
  const asked = job.embeddings!;
  const upstreamModel = job.endpoint.upstreamModel;
  const body = {
    model: upstreamModel,
    input: embeddingInputs(asked),
    ...(asked.encoding_format && { encoding_format: asked.encoding_format }),
    ...(asked.dimensions && { dimensions: asked.dimensions }),
    ...(asked.user && { user: asked.user }),
  };
  return {
    url: providerUrl(provider, upstreamModel, 'embeddings'),
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...authHeaders(provider.auth ?? 'bearer', apiKey),
      ...operatorHeaders(provider),
    },
    body: JSON.stringify(body),
  };
}

/** The provider's list in input order (by `index`), with its prompt count when it gave one. */
export function translateEmbeddings(job: ChatJob, upstream: unknown) {
  const providerName = job.endpoint.providerName;
  const raw = JSON.stringify(upstream) ?? String(upstream);
  const answer = readProviderBody(providerName, embeddingsResponseSchema, upstream, raw, (body) =>
    providerReportedError(providerName, body, raw),
  );
  const ordered = [...answer.data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
  return embeddingsAnswer(job, ordered, answer.usage?.prompt_tokens ?? null);
}

export const openAiEmbeddings: EmbeddingsTranslation = {
  buildRequest: buildEmbeddingsRequest,
  translate: translateEmbeddings,
};
