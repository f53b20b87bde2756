// Named, not `export *`: libs/providers re-exports every family, whose helpers share names.
export { anthropicAdapter } from './adapter';
export { buildMessagesRequest } from './build-messages-request';
export { classifyAnthropicError } from './anthropic-error';
export { AnthropicStreamTranslator } from './stream-translator';
