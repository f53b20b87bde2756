import { gatewayChunkSchema, gatewayCompletionSchema, GatewayError } from '../../../libs/contracts';
import {
  sendOpenRouterError,
  SseChatResponse,
  type ErrorChunkContext,
  type ResponseFormat,
} from '../chat/chat-response';
import { readGatewayAnswer } from '../chat/read-gateway-answer';
import { ConvertedJsonResponse } from '../chat/translated-response';
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

/** Answers in the legacy Completions shapes; errors as on `/chat/completions`. */
export const textCompletionFormat: ResponseFormat = {
  create: ({ reply, headers, stream, onClientGone }) =>
    stream
      ? new TextCompletionSseResponse(reply, headers, onClientGone)
      : new ConvertedJsonResponse(
          { reply, headers, stream, onClientGone },
          (bytes) => toTextCompletion(readGatewayAnswer(gatewayCompletionSchema, bytes)),
          sendOpenRouterError,
        ),
};
