import { networkError } from '../shared/network-error';
import type { ProviderAdapter } from '../provider-adapter';
import { classifyAnthropicError } from './anthropic-error';
import { buildMessagesRequest } from './build-messages-request';
import { AnthropicStreamTranslator } from './stream-translator';
import { translateCompletion } from './translate-completion';

/** Anthropic's Messages API, spoken natively. https://platform.claude.com/docs/en/api/messages */
export const anthropicAdapter: ProviderAdapter = {
  family: 'anthropic',
  buildRequest: buildMessagesRequest,
  translateCompletion,
  createStreamTranslation: (job) => new AnthropicStreamTranslator(job),
  classifyError: (status, headers, bodyText, provider) =>
    classifyAnthropicError(status, headers, bodyText, provider),
  networkError,
};
