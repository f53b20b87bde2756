import { gatewayCompletionSchema, type GatewayError } from '../../../libs/contracts';
import type { ResponseFormat, SendError } from '../chat/chat-response';
import { readGatewayAnswer } from '../chat/read-gateway-answer';
import { ConvertedJsonResponse, TranslatedSseResponse } from '../chat/translated-response';
import { anthropicErrorBody } from './anthropic-error';
import { MessageStreamTranslator } from './message-stream-translator';
import { toAnthropicMessage } from './to-anthropic-message';

/** An error before anything was sent: Anthropic's error body, under the gateway's status. */
export const sendAnthropicError: SendError = (reply, headers, error: GatewayError) =>
  void reply
    .status(error.status)
    .headers({ ...headers, ...error.headers })
    .type('application/json')
    .send(anthropicErrorBody(error));

/**
 * Answers in Anthropic's Messages shapes: a Message, or Anthropic's event stream (an `error` event
 * when it breaks after it began, as Anthropic's does), whose `message_start` says
 * `estimatedInputTokens`. The generation id is also sent as `request-id`, the header in which
 * Anthropic's SDKs look for the id of a request (`_request_id`).
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export function anthropicFormat(estimatedInputTokens = 0): ResponseFormat {
  return {
    create: (options) => {
      const generationId = options.headers['x-generation-id'];
      const headers = generationId ? { ...options.headers, 'request-id': generationId } : options.headers;
      if (!options.stream) {
        const convert = (bytes: Buffer) =>
          toAnthropicMessage(readGatewayAnswer(gatewayCompletionSchema, bytes));
        return new ConvertedJsonResponse({ ...options, headers }, convert, sendAnthropicError);
      }
      const translator = new MessageStreamTranslator(estimatedInputTokens);
      const translation = {
        push: translator.push.bind(translator),
        finish: translator.finish.bind(translator),
        failure: (error: GatewayError) => [anthropicErrorBody(error)],
      };
      return new TranslatedSseResponse({ ...options, headers }, translation, sendAnthropicError);
    },
  };
}
