import type { FastifyReply } from 'fastify';
import { CHUNK_SEPARATOR, type GatewayError } from '../../../libs/contracts';

const SSE_DATA = Buffer.from('data: ');
const SSE_END_OF_EVENT = Buffer.from('\n\n');
const SSE_DONE = Buffer.from('data: [DONE]\n\n');
const SSE_PROCESSING = Buffer.from(': OPENROUTER PROCESSING\n\n');
/** How often a stream waiting for its first chunk says it is alive. */
const PROCESSING_INTERVAL_MS = 3000;

/** A frame's payload holds one or more JSON bodies separated by `\n` (see libs/contracts/frames.ts). */
function splitChunks(payload: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  let start = 0;
  for (
    let end = payload.indexOf(CHUNK_SEPARATOR);
    end !== -1;
    end = payload.indexOf(CHUNK_SEPARATOR, start)
  ) {
    chunks.push(payload.subarray(start, end));
    start = end + 1;
  }
  chunks.push(payload.subarray(start));
  return chunks;
}

export interface ErrorChunkContext {
  generationId: string;
  model: string;
  providerName: string | null;
}

/**
 * Where an attempt's frames go. No content is sent before the first chunk, so that until then a
 * failed attempt can still be replaced by another one (and, but for an OpenAI stream, which says it
 * is processing from the start, answered with a plain HTTP error).
 */
export abstract class ChatResponse {
  private startedAt: number | null = null;
  private clientGone = false;

  constructor(
    protected readonly reply: FastifyReply,
    /** Sent with every answer, success or error (`X-Generation-Id`). */
    protected readonly headers: Record<string, string>,
    onClientGone: () => void,
  ) {
    reply.raw.on('close', () => {
      if (reply.raw.writableFinished) return;
      this.clientGone = true;
      onClientGone();
    });
  }

  get started(): boolean {
    return this.startedAt !== null;
  }

  /** The request is admitted and routable; its attempts begin. */
  accepted(): void {
    // Most answers say nothing until the first chunk.
  }

  get firstByteAt(): number | null {
    return this.startedAt;
  }

  get disconnected(): boolean {
    return this.clientGone;
  }

  /** A header for the answer, while it has not gone out (a stream's head leaves with its first chunk). */
  setHeader(name: string, value: string): void {
    if (!this.reply.raw.headersSent) this.headers[name] = value;
  }

  /** Writes the chunks of one frame (one or more JSON bodies separated by `\n`). */
  write(frameData: Uint8Array): void {
    if (this.clientGone) return;
    if (this.startedAt === null) this.startedAt = Date.now();
    this.send(splitChunks(Buffer.from(frameData.buffer, frameData.byteOffset, frameData.byteLength)));
  }

  /** `chunks`: each one JSON body, as the worker built it (`chat.completion.chunk` or `chat.completion`). */
  protected abstract send(chunks: Buffer[]): void;
  abstract end(): void;
  abstract fail(error: GatewayError, context: ErrorChunkContext): void;

  /** Takes the response over from Fastify and sends the event-stream head, once. */
  protected openEventStream(): void {
    const raw = this.reply.raw;
    if (raw.headersSent) return;
    this.reply.hijack();
    raw.writeHead(200, {
      ...this.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      // Proxies (nginx) would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
  }

  protected sendError(error: GatewayError): void {
    sendOpenRouterError(this.reply, this.headers, error);
  }
}

/** How an API surface answers an error before anything was sent: its own body, the gateway's status. */
export type SendError = (reply: FastifyReply, headers: Record<string, string>, error: GatewayError) => void;

/** OpenRouter's (and OpenAI's) error body, with the error's own headers (a 429's `Retry-After`). */
export const sendOpenRouterError: SendError = (reply, headers, error) =>
  void reply
    .status(error.status)
    .headers({ ...headers, ...error.headers })
    .send({ error: error.toBody() });

/**
 * `text/event-stream` as OpenAI sends it: `data: {chunk}` events, then `data: [DONE]`. As OpenRouter,
 * once the request is accepted the head and a `: OPENROUTER PROCESSING` comment go out at once, and
 * the comment again every PROCESSING_INTERVAL_MS until the first chunk, so that a client (and every
 * proxy between) sees the request alive while a provider thinks or the gateway falls back.
 * https://openrouter.ai/docs/api-reference/streaming
 */
export class SseChatResponse extends ChatResponse {
  private processing: NodeJS.Timeout | null = null;

  override accepted(): void {
    if (this.disconnected) return;
    this.openEventStream();
    this.reply.raw.write(SSE_PROCESSING);
    this.processing = setInterval(() => {
      if (this.disconnected) this.stopProcessing();
      else this.reply.raw.write(SSE_PROCESSING);
    }, PROCESSING_INTERVAL_MS);
  }

  protected send(chunks: Buffer[]): void {
    this.stopProcessing();
    this.openEventStream();
    this.reply.raw.write(Buffer.concat(chunks.flatMap((chunk) => [SSE_DATA, chunk, SSE_END_OF_EVENT])));
  }

  end(): void {
    this.stopProcessing();
    if (this.disconnected) return;
    this.reply.raw.end(SSE_DONE);
  }

  /**
   * Before the head went out: a plain HTTP error. After: a last chunk carrying the error, then the
   * end (the status, 200, is gone with the head).
   */
  fail(error: GatewayError, context: ErrorChunkContext): void {
    this.stopProcessing();
    if (this.disconnected) return;
    if (!this.reply.raw.headersSent) {
      this.sendError(error);
      return;
    }
    const chunk = this.errorChunk(error, context);
    this.reply.raw.end(Buffer.concat([SSE_DATA, Buffer.from(JSON.stringify(chunk)), SSE_END_OF_EVENT]));
  }

  private stopProcessing(): void {
    if (this.processing) clearInterval(this.processing);
    this.processing = null;
  }

  /** The last chunk of a stream that failed after it started, as OpenRouter sends it. */
  protected errorChunk(error: GatewayError, context: ErrorChunkContext): object {
    return {
      id: context.generationId,
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: context.model,
      provider: context.providerName,
      error: error.toBody(),
      choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error', native_finish_reason: null }],
    };
  }
}

/**
 * One `chat.completion` body, as the worker built it. It goes out with `end()` (or `fail()`, once
 * it came), so that the generation's record is stored before the client holds its answer.
 */
export class JsonChatResponse extends ChatResponse {
  private body: Buffer | null = null;

  protected send(chunks: Buffer[]): void {
    this.body = chunks[0];
  }

  end(): void {
    if (this.disconnected || !this.body) return;
    void this.reply.headers(this.headers).type('application/json').send(this.body);
  }

  fail(error: GatewayError): void {
    if (this.started) this.end();
    else if (!this.disconnected) this.sendError(error);
  }
}

export interface ResponseOptions {
  reply: FastifyReply;
  headers: Record<string, string>;
  stream: boolean;
  onClientGone: () => void;
}

/** How answers are written: OpenAI's Chat Completions shapes here; other API surfaces bring their own. */
export interface ResponseFormat {
  create(options: ResponseOptions): ChatResponse;
}

export const openAiFormat: ResponseFormat = {
  create: ({ reply, headers, stream, onClientGone }) =>
    stream
      ? new SseChatResponse(reply, headers, onClientGone)
      : new JsonChatResponse(reply, headers, onClientGone),
};
