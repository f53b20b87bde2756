import { gatewayCompletionSchema, type GatewayError } from '../../../libs/contracts';
import { sendOpenRouterError, type ResponseFormat } from '../chat/chat-response';
import { readGatewayAnswer } from '../chat/read-gateway-answer';
import { ConvertedJsonResponse, TranslatedSseResponse } from '../chat/translated-response';
import { responseSettings } from './response-object';
import { ResponseStreamTranslator } from './response-stream-translator';
import type { ResponsesRequest } from './responses-request';
import { toResponse } from './to-response';

/** OpenAI's error codes for a response that failed, from the gateway's status. */
function errorCode(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  if (status === 400 || status === 413) return 'invalid_prompt';
  return 'server_error';
}

/**
 * Answers in the Responses shapes, repeating the request's settings as OpenAI does: a `response`,
 * or the Responses event stream, ended by `response.failed` when it breaks after it began. Errors
 * before anything was sent are OpenRouter's.
 */
export function responsesFormat(request: ResponsesRequest): ResponseFormat {
  const settings = responseSettings(request);
  return {
    create: (options) => {
      if (!options.stream) {
        const convert = (bytes: Buffer) => {
          const completion = readGatewayAnswer(gatewayCompletionSchema, bytes);
          const createdAt = Number(completion.created ?? Math.floor(Date.now() / 1000));
          return toResponse(completion, { id: completion.id, model: completion.model, createdAt, settings });
        };
        return new ConvertedJsonResponse(options, convert, sendOpenRouterError);
      }
      const translator = new ResponseStreamTranslator(settings);
      const translation = {
        push: translator.push.bind(translator),
        finish: translator.finish.bind(translator),
        failure: (error: GatewayError) =>
          translator.fail({ code: errorCode(error.status), message: error.message }),
      };
      return new TranslatedSseResponse(options, translation, sendOpenRouterError);
    },
  };
}
