import { networkError } from '../shared/network-error';
import type { ProviderAdapter } from '../provider-adapter';
import { buildGenerateContentRequest } from './build-generate-content-request';
import { classifyGeminiError } from './classify-error';
import { geminiEmbeddings } from './embeddings';
import { GeminiStreamTranslator } from './stream-translator';
import { translateCompletion } from './translate-completion';

/** Google's Generative Language API (Gemini), as Google AI Studio serves it. https://ai.google.dev/api */
export const geminiAdapter: ProviderAdapter = {
  family: 'gemini',
  buildRequest: buildGenerateContentRequest,
  translateCompletion,
  createStreamTranslation: (job) => new GeminiStreamTranslator(job),
  classifyError: (status, headers, bodyText, provider) =>
    classifyGeminiError(status, headers, bodyText, provider),
  networkError,
  embeddings: geminiEmbeddings,
};
