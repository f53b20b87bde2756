import type { Generation, Protocol, Route, WholeAnswer } from '../protocol';
import { completeReply, type Completion } from '../reply';
import { geminiError, invalidArgument, notFound, simulatedFailure, unauthorized } from './gemini-error';
import {
  generateContentResponse,
  JSON_HEADERS,
  newResponseMeta,
  recordedStream,
  SSE_HEADERS,
  streamEvents,
  type ResponseMeta,
} from './gemini-wire';
import { toReplyRequest } from './to-reply-request';
import { parseGenerateContentRequest, type GeminiRequest } from './validate-request';

/**
 * The Gemini API: `POST /v1beta/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`,
 * the key in `x-goog-api-key` or `?key=`. The model named in the path is the response's modelVersion.
 * https://ai.google.dev/api/generate-content
 */
const GENERATE_PATH = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

export const geminiProtocol: Protocol = {
  families: ['gemini'],
  jsonHeaders: JSON_HEADERS,
  sseHeaders: SSE_HEADERS,
  route(method, path, query) {
    const match = method === 'POST' ? GENERATE_PATH.exec(path) : null;
    if (!match) return undefined;
    const [, model, action] = match;
    return generationRoute(model, action === 'streamGenerateContent', query.get('alt'));
  },
  checkAccess({ headers, query, apiKey }) {
    const key = headers['x-goog-api-key'] ?? query.get('key') ?? undefined;
    return apiKey === undefined || key === apiKey ? undefined : unauthorized(key !== undefined);
  },
  notFound,
  invalidRequest: invalidArgument,
  serverError: (message) => geminiError(500, message),
  simulatedFailure,
  frameRecording: recordedStream,
};

/** Without `alt=sse` Gemini streams one JSON array; the simulator speaks only the SSE form that workers use. */
function generationRoute(model: string, stream: boolean, alt: string | null): Route {
  const parse = (body: string) => {
    if (stream && alt !== 'sse') {
      return {
        failure: invalidArgument(
          'The simulator streams Server-Sent Events only: add ?alt=sse to streamGenerateContent.',
        ),
      };
    }
    const parsed = parseGenerateContentRequest(body);
    return 'failure' in parsed ? parsed : generationOf(parsed.request, model, stream);
  };
  return { kind: 'generation', parse };
}

function generationOf(request: GeminiRequest, model: string, stream: boolean): Generation {
  const reply = toReplyRequest(request);
  const meta = () => newResponseMeta(model);
  if (!stream) return { stream: false, answer: (shape) => wholeAnswer(completeReply(reply, shape), meta()) };
  return { stream: true, answer: (shape) => streamEvents(completeReply(reply, shape), meta()) };
}

function wholeAnswer(completion: Completion, meta: ResponseMeta): WholeAnswer {
  const json = JSON.stringify(generateContentResponse(completion, meta));
  return { json, completionTokens: completion.usage.completionTokens };
}
