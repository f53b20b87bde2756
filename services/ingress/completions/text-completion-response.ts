import { gatewayChunkSchema, gatewayCompletionSchema, GatewayError } from '../../../libs/contracts';
import {
  ChatResponse,
  SseChatResponse,
  type ErrorChunkContext,
  type ResponseFormat,
} from '../chat/chat-response';
import { readGatewayAnswer } from '../messages/read-gateway-answer';
import { toTextCompletion, toTextCompletionChunk } from './to-text-completion';

/** Streamed `text_completion`s, built from the workers' chunks, then `data: [DONE]` as OpenAI ends. */
class TextCompletionSseResponse extends SseChatResponse {
  /** Characters of text sent so far: where the next chunk's log probabilities start. */
  private sentText = 0;
  /** Ended early, because a chunk could not be read; later frames are dropped. */
  private ended = false;

  protected override send(chunks: Buffer[]): void {
    if (this.ended) return;
    let converted: Buffer[];
    try {
      converted = chunks.map((bytes) => this.convert(bytes));
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      this.ended = true;
      super.fail(error, {
        generationId: this.headers['x-generation-id'] ?? '',
        model: '',
        providerName: null,
      });
      return;
    }
    super.send(converted);
  }

  override end(): void {
    if (!this.ended) super.end();
  }

  override fail(error: GatewayError, context: ErrorChunkContext): void {
    if (!this.ended) super.fail(error, context);
  }

  private convert(bytes: Buffer): Buffer {
    const chunk = toTextCompletionChunk(readGatewayAnswer(gatewayChunkSchema, bytes), this.sentText);
    for (const choice of chunk.choices as { text: string }[]) this.sentText += choice.text.length;
    return Buffer.from(JSON.stringify(chunk));
  }

  protected override errorChunk(error: GatewayError, context: ErrorChunkContext): object {
    return {
      id: context.generationId,
      object: 'text_completion',
      created: Math.floor(Date.now() / 1000),
      model: context.model,
      provider: context.providerName,
      error: error.toBody(),
      choices: [{ index: 0, text: '', finish_reason: 'error', native_finish_reason: null, logprobs: null }],
    };
  }
}

/** One `text_completion`, converted from the worker's whole `chat.completion`. */
class TextCompletionJsonResponse extends ChatResponse {
  protected send([completion]: Buffer[]): void {
    let body;
    try {
      body = toTextCompletion(readGatewayAnswer(gatewayCompletionSchema, completion));
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      this.sendError(error);
      return;
    }
    void this.reply.headers(this.headers).type('application/json').send(body);
  }

  end(): void {
    // The body was the whole answer.
  }

  fail(error: GatewayError): void {
    if (this.disconnected || this.started) return;
    this.sendError(error);
  }
}

/** Answers in the legacy Completions shapes; errors as on `/chat/completions`. */
export const textCompletionFormat: ResponseFormat = {
  create: ({ reply, headers, stream, onClientGone }) =>
    stream
      ? new TextCompletionSseResponse(reply, headers, onClientGone)
      : new TextCompletionJsonResponse(reply, headers, onClientGone),
};
