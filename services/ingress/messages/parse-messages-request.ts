import { parseRequestBody } from '../../../libs/contracts';
import { messagesRequestSchema, type MessagesRequest } from './messages-request';

/** The body as a Messages request, or a 400 that names the first invalid field. */
export function parseMessagesRequest(body: unknown): MessagesRequest {
  return parseRequestBody(messagesRequestSchema, body);
}

/**
 * The body of `count_tokens`: a Messages request without `max_tokens`, which does not change the
 * prompt. It is given one, so that the request reads as any other.
 */
export function parseCountTokensRequest(body: unknown): MessagesRequest {
  const withLimit =
    body !== null && typeof body === 'object' && !Array.isArray(body) ? { max_tokens: 1, ...body } : body;
  return parseMessagesRequest(withLimit);
}
