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
import { batchEmbedContentsResponse, embedContentResponse } from './embeddings-wire';
import { toReplyRequest } from './to-reply-request';
import { parseBatchEmbedContentsRequest, parseEmbedContentRequest } from './validate-embed-request';
import { parseGenerateContentRequest, type GeminiRequest } from './validate-request';

/**
 * The Gemini API: `POST /v1beta/models/{model}:generateContent` and `:streamGenerateContent?alt=sse`,
 * `:embedContent` and `:batchEmbedContents`, the key in `x-goog-api-key` or `?key=`. The model named
 * in the path is the response's modelVersion.
 * https://ai.google.dev/api/generate-content
 * https://ai.google.dev/api/embeddings
 */
const METHOD_PATH =
  /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent|embedContent|batchEmbedContents)$/;

export const geminiProtocol: Protocol = {
  families: ['gemini'],
  jsonHeaders: JSON_HEADERS,
  sseHeaders: SSE_HEADERS,
  route(method, path, query) {
    const match = method === 'POST' ? METHOD_PATH.exec(path) : null;
    if (!match) return undefined;
    const [, model, action] = match;
    if (action === 'embedContent') return EMBED_ROUTE;
    if (action === 'batchEmbedContents') return batchEmbedRoute(model);
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

/** Embeddings have no recordings, no usage, and no meaning for `empty` (every text gets its vector). */
const EMBED_ROUTE: Route = {
  kind: 'generation',
  parse(body) {
    const parsed = parseEmbedContentRequest(body);
    return 'failure' in parsed ? parsed : wholeJson(() => embedContentResponse(parsed.request));
  },
  replayable: false,
};

function batchEmbedRoute(model: string): Route {
  const parse = (body: string) => {
    const parsed = parseBatchEmbedContentsRequest(body, model);
    return 'failure' in parsed ? parsed : wholeJson(() => batchEmbedContentsResponse(parsed.requests));
  };
  return { kind: 'generation', parse, replayable: false };
}

/** Built when sent; no completion tokens, so nothing paces it once time to first token has passed. */
function wholeJson(build: () => unknown): Generation {
  return { stream: false, answer: () => ({ json: JSON.stringify(build()), completionTokens: 0 }) };
}
