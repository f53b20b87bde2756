import type { ProviderAdapter } from '../provider-adapter';
import { buildChatRequest } from './build-chat-request';
import { classifyUpstreamError } from './classify-upstream-error';
import { openAiEmbeddings } from './embeddings';
import { networkError } from '../shared/network-error';
import { StreamTranslator } from './stream-translator';
import { translateCompletion } from './translate-completion';

/** OpenAI's Chat Completions protocol, spoken by OpenAI and most other providers. */
export const openAiCompatibleAdapter: ProviderAdapter = {
  family: 'openai-compatible',
  buildRequest: buildChatRequest,
  translateCompletion,
  createStreamTranslation: (job) => new StreamTranslator(job),
  classifyError: (status, headers, bodyText, provider) =>
    classifyUpstreamError(status, headers, bodyText, provider),
  networkError,
  embeddings: openAiEmbeddings,
};
