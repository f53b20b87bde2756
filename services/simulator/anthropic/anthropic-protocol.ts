import type { Generation, Protocol, Route, WholeAnswer } from '../protocol';
import { completeReply, type Completion } from '../reply';
import {
  anthropicError,
  invalidRequest,
  missingVersion,
  notFound,
  simulatedFailure,
  unauthorized,
} from './anthropic-error';
import {
  message,
  newMessageMeta,
  recordedStream,
  SSE_HEADERS,
  streamEvents,
  type MessageMeta,
} from './anthropic-wire';
import { toReplyRequest } from './to-reply-request';
import { parseMessagesRequest, type AnthropicRequest } from './validate-request';

/**
 * Anthropic's Messages API (`POST /v1/messages`): the key in `x-api-key` (or, as the current SDK sends
 * it, `Authorization: Bearer`), and `anthropic-version` required on every request, as on the real API.
 * https://docs.claude.com/en/api/overview
 */
const MESSAGES_ROUTE: Route = { kind: 'generation', parse: parseMessages };

export const anthropicProtocol: Protocol = {
  families: ['anthropic'],
  jsonHeaders: { 'content-type': 'application/json' },
  sseHeaders: SSE_HEADERS,
  route: (method, path) => (method === 'POST' && path === '/v1/messages' ? MESSAGES_ROUTE : undefined),
  checkAccess({ headers, apiKey }) {
    const key = headers['x-api-key'] ?? bearerToken(headers.authorization);
    if (apiKey !== undefined && key !== apiKey) return unauthorized(key !== undefined);
    return headers['anthropic-version'] === undefined ? missingVersion() : undefined;
  },
  notFound,
  invalidRequest,
  serverError: (text) => anthropicError(500, text),
  simulatedFailure,
  frameRecording: recordedStream,
};

function bearerToken(authorization: string | undefined): string | undefined {
  return authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : undefined;
}

function parseMessages(body: string) {
  const parsed = parseMessagesRequest(body);
  return 'failure' in parsed ? parsed : generationOf(parsed.request);
}

function generationOf(request: AnthropicRequest): Generation {
  const reply = toReplyRequest(request);
  const meta = () => newMessageMeta(request.model);
  if (request.stream !== true)
    return { stream: false, answer: (shape) => wholeAnswer(completeReply(reply, shape), meta()) };
  return { stream: true, answer: (shape) => streamEvents(completeReply(reply, shape), meta()) };
}

function wholeAnswer(completion: Completion, meta: MessageMeta): WholeAnswer {
  return {
    json: JSON.stringify(message(completion, meta)),
    completionTokens: completion.usage.completionTokens,
  };
}
