import type { IncomingHttpHeaders } from 'node:http';
import type { HttpFailure } from './http-io';
import type { ReplayFamily } from './scenario';

/**
 * One provider API the simulator speaks (OpenAI, Anthropic, Gemini): where its endpoints are, what it
 * checks before reading a body, its error shapes and its wire format. The server does the rest
 * (scenarios, pacing, replay) the same way for every protocol.
 */
export interface Protocol {
  /** The recorded fixture families whose responses this protocol's endpoints can replay. */
  families: readonly ReplayFamily[];
  /** The response headers the provider sends with a JSON body and with an event stream. */
  jsonHeaders: Record<string, string>;
  sseHeaders: Record<string, string>;
  /** The endpoint at this method and path, or undefined when the protocol has none there. */
  route(method: string, path: string, query: URLSearchParams): Route | undefined;
  /** The checks the provider makes before anything else: the API key and required headers. */
  checkAccess(request: AccessRequest): HttpFailure | undefined;
  notFound(method: string, path: string): HttpFailure;
  invalidRequest(message: string): HttpFailure;
  serverError(message: string): HttpFailure;
  /** The body and headers the provider sends with this status (a `fail=` scenario). */
  simulatedFailure(status: number): HttpFailure;
  /** A recorded stream, one JSON payload per line, in the provider's SSE framing. */
  frameRecording(lines: string[]): EventStream;
}

export interface AccessRequest {
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
  /** The key the simulator was started with; undefined accepts any request. */
  apiKey?: string;
}

/**
 * A body-less listing (`GET /v1/models`), or a generation whose body is validated first: a reply to a
 * conversation, or embeddings (a whole answer with no completion tokens, so nothing paces it).
 */
export type Route =
  | { kind: 'listing'; json: string }
  | {
      kind: 'generation';
      parse(body: string): Generation | { failure: HttpFailure };
      /** False where no recording fits (embeddings: the fixtures are chat answers); `replay=` is refused. */
      replayable?: boolean;
    };

/** A valid generation request; `answer` builds the planned reply only when it is sent. */
export type Generation =
  | { stream: false; answer(shape: ReplyShape): WholeAnswer }
  | { stream: true; answer(shape: ReplyShape): EventStream };

/** What the scenario changes in the planned reply. */
export interface ReplyShape {
  empty: boolean;
  /** Whether the answer carries the provider's usage. */
  usage: boolean;
}

export interface WholeAnswer {
  json: string;
  /** Tokens the model wrote: a whole answer takes as long as streaming them would. */
  completionTokens: number;
}

/**
 * A streamed answer as written to the socket; every string is one or more complete SSE events.
 * Joined in order (opening, steps, closing) they are the whole stream.
 */
export interface EventStream {
  /** Leaves together with the first step: the events that open the message. */
  opening: string[];
  /** One per token or argument fragment, each a paced write (it may also close a block and open the next). */
  steps: string[];
  /** Follows the last step at once: finish reason, usage, end of stream. */
  closing: string[];
}
