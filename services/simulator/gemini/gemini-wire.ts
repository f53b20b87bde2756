import { randomBytes } from 'node:crypto';
import type { EventStream } from '../protocol';
import { splitArguments, type Completion, type FinishReason, type PlannedToolCall } from '../reply';

/**
 * Gemini's GenerateContentResponse, field for field and in Gemini's key order, as recorded in
 * test/fixtures/providers/gemini/. Streaming (`alt=sse`) sends whole responses as `data:` events
 * ending in CRLF CRLF and no end marker; each carries the usage so far, the last the finish reason.
 * https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 */
export const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };
export const SSE_HEADERS = { 'content-type': 'text/event-stream' };

/** https://ai.google.dev/api/generate-content#FinishReason (a function call ends with STOP too) */
const FINISH_REASONS: Record<FinishReason, string> = {
  stop: 'STOP',
  length: 'MAX_TOKENS',
  tool_calls: 'STOP',
};

/** What every chunk of one response shares. */
export interface ResponseMeta {
  modelVersion: string;
  responseId: string;
}

export function newResponseMeta(model: string): ResponseMeta {
  return { modelVersion: model, responseId: randomBytes(16).toString('base64url') };
}

export function generateContentResponse(completion: Completion, meta: ResponseMeta) {
  const parts =
    completion.toolCalls.length > 0
      ? completion.toolCalls.map(functionCallPart)
      : [{ text: completion.tokens.join('') }];
  return response(
    parts,
    completion,
    completion.usage.completionTokens,
    (completion.finishReason && FINISH_REASONS[completion.finishReason]) ?? undefined,
    meta,
  );
}

/** Text one token per chunk; each function call whole in its own chunk, as Gemini sends them. */
export function streamEvents(completion: Completion, meta: ResponseMeta): EventStream {
  const pieces: { part: unknown; tokens: number }[] =
    completion.toolCalls.length > 0
      ? completion.toolCalls.map((call) => ({
          part: functionCallPart(call),
          tokens: splitArguments(call.arguments).length,
        }))
      : completion.tokens.map((text) => ({ part: { text }, tokens: 1 }));
  // Even an answer with no text ends with a chunk that says why.
  if (pieces.length === 0) pieces.push({ part: { text: '' }, tokens: 0 });
  let tokensSoFar = 0;
  const steps = pieces.map(({ part, tokens }, index) => {
    tokensSoFar += tokens;
    const finish =
      index === pieces.length - 1
        ? ((completion.finishReason && FINISH_REASONS[completion.finishReason]) ?? undefined)
        : undefined;
    return sseEvent(JSON.stringify(response([part], completion, tokensSoFar, finish, meta)));
  });
  return { opening: [], steps, closing: [] };
}

/** A recorded stream as Gemini sends it with `alt=sse`. */
export function recordedStream(lines: string[]): EventStream {
  return { opening: [], steps: lines.map(sseEvent), closing: [] };
}

function response(
  parts: unknown[],
  completion: Completion,
  candidatesTokenCount: number,
  finishReason: string | undefined,
  meta: ResponseMeta,
) {
  const promptTokenCount = completion.usage.promptTokens;
  return {
    candidates: [{ content: { parts, role: 'model' }, ...(finishReason && { finishReason }), index: 0 }],
    ...(completion.reportsUsage && {
      usageMetadata: {
        promptTokenCount,
        candidatesTokenCount,
        totalTokenCount: promptTokenCount + candidatesTokenCount,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokenCount }],
      },
    }),
    modelVersion: meta.modelVersion,
    responseId: meta.responseId,
  };
}

function functionCallPart(call: PlannedToolCall) {
  return { functionCall: { name: call.name, args: JSON.parse(call.arguments) as unknown } };
}

function sseEvent(json: string): string {
  return `data: ${json}\r\n\r\n`;
}
