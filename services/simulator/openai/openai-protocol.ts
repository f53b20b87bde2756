import type { Generation, Protocol, Route, WholeAnswer } from '../protocol';
import { completeReply, type Completion } from '../reply';
import { invalidRequest, invalidUrl, openAIError, simulatedFailure, unauthorized } from './openai-error';
import {
  chatCompletion,
  MODEL_LIST,
  newResponseMeta,
  recordedStream,
  SSE_HEADERS,
  streamEvents,
  type ResponseMeta,
} from './openai-wire';
import { embeddingList } from './embeddings-wire';
import { parseEmbeddingsRequest, type EmbeddingsRequest } from './validate-embeddings-request';
import { parseChatRequest, type SimulatorRequest } from './validate-request';

/**
 * OpenAI's Chat Completions API (`POST /v1/chat/completions`, `GET /v1/models`) and Embeddings API
 * (`POST /v1/embeddings`), with a Bearer key. The same wire serves every OpenAI-compatible provider's
 * recordings (chat only: there are no recorded embeddings).
 * https://platform.openai.com/docs/api-reference/chat
 * https://platform.openai.com/docs/api-reference/embeddings
 */
const JSON_HEADERS = { 'content-type': 'application/json' };

const MODELS_ROUTE: Route = { kind: 'listing', json: JSON.stringify(MODEL_LIST) };
const CHAT_ROUTE: Route = { kind: 'generation', parse: parseChat };
const EMBEDDINGS_ROUTE: Route = { kind: 'generation', parse: parseEmbeddings, replayable: false };

export const openAIProtocol: Protocol = {
  families: ['openai', 'deepseek', 'groq', 'mistral', 'xai'],
  jsonHeaders: JSON_HEADERS,
  sseHeaders: SSE_HEADERS,
  route(method, path) {
    if (method === 'POST' && path === '/v1/chat/completions') return CHAT_ROUTE;
    if (method === 'POST' && path === '/v1/embeddings') return EMBEDDINGS_ROUTE;
    if (method === 'GET' && path === '/v1/models') return MODELS_ROUTE;
    return undefined;
  },
  checkAccess({ headers, apiKey }) {
    if (apiKey === undefined || headers.authorization === `Bearer ${apiKey}`) return undefined;
    return unauthorized(headers.authorization !== undefined);
  },
  notFound: invalidUrl,
  invalidRequest: (message) => invalidRequest(message),
  serverError: (message) => openAIError(500, 'server_error', message),
  simulatedFailure,
  frameRecording: recordedStream,
};

function parseChat(body: string) {
  const parsed = parseChatRequest(body);
  return 'failure' in parsed ? parsed : generationOf(parsed.request);
}

function generationOf(request: SimulatorRequest): Generation {
  const meta = () => newResponseMeta(request.model);
  if (request.stream !== true) {
    return { stream: false, answer: (shape) => wholeAnswer(completeReply(request, shape), meta()) };
  }
  const includeUsage = request.stream_options?.include_usage === true;
  return {
    stream: true,
    answer: (shape) => streamEvents(completeReply(request, shape), meta(), includeUsage),
  };
}

function wholeAnswer(completion: Completion, meta: ResponseMeta): WholeAnswer {
  const json = JSON.stringify(chatCompletion(completion, meta));
  return { json, completionTokens: completion.usage.completionTokens };
}

function parseEmbeddings(body: string) {
  const parsed = parseEmbeddingsRequest(body);
  return 'failure' in parsed ? parsed : embeddingsOf(parsed.request);
}

/** `empty` has no meaning for embeddings (every input gets its vector); `noUsage` drops `usage`. */
function embeddingsOf(request: EmbeddingsRequest): Generation {
  return {
    stream: false,
    answer: (shape) => ({ json: JSON.stringify(embeddingList(request, shape.usage)), completionTokens: 0 }),
  };
}
