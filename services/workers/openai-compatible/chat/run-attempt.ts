import { createParser } from 'eventsource-parser';
import type { ProviderConfig } from '../../../../libs/catalog';
import { errors, type ChatJob } from '../../../../libs/contracts';
import type { FrameWriter } from '../../../../libs/messaging';
import {
  buildChatRequest,
  classifyUpstreamError,
  StreamTranslator,
  translateCompletion,
} from '../../../../libs/providers';
import { callUpstream } from './upstream-http';

export interface AttemptContext {
  job: ChatJob;
  provider: ProviderConfig;
  apiKey: string | undefined;
  writer: FrameWriter;
  signal: AbortSignal;
}

/** Calls the provider once and answers with frames; throws what went wrong, for the caller to classify. */
export async function runAttempt(ctx: AttemptContext): Promise<void> {
  const { job, provider, apiKey, signal } = ctx;
  const upstream = buildChatRequest(job, provider, apiKey);
  const response = await callUpstream({
    ...upstream,
    signal,
    timeoutMs: Math.max(1, job.deadline - Date.now()),
  });
  if (response.statusCode !== 200) {
    const bodyText = await response.body.text();
    throw classifyUpstreamError(response.statusCode, response.headers, bodyText, provider);
  }
  if (job.stream) await relayStream(ctx, response.body);
  else await relayCompletion(ctx, await response.body.json());
}

async function relayCompletion(ctx: AttemptContext, upstreamBody: unknown): Promise<void> {
  const { body, summary } = translateCompletion(ctx.job, upstreamBody);
  ctx.writer.chunk(body);
  ctx.writer.done(summary);
}

async function relayStream(ctx: AttemptContext, body: AsyncIterable<Uint8Array>): Promise<void> {
  const translator = new StreamTranslator(ctx.job);
  let failure: unknown;
  let sawDone = false;
  const parser = createParser({
    onEvent: (event) => {
      if (failure !== undefined) return;
      if (event.data === '[DONE]') sawDone = true;
      try {
        for (const chunk of translator.push(event.data)) ctx.writer.chunk(chunk);
      } catch (error) {
        failure = error;
      }
    },
  });
  const decoder = new TextDecoder();
  for await (const bytes of body) {
    parser.feed(decoder.decode(bytes, { stream: true }));
    if (failure !== undefined) throw failure;
  }
  const { usageChunk, summary } = translator.finish();
  if (!sawDone && summary.finishReason === null) {
    throw errors.upstreamCut(ctx.provider.name);
  }
  ctx.writer.chunk(usageChunk);
  ctx.writer.done(summary);
}
