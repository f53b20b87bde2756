import { context, propagation } from '@opentelemetry/api';
import { createParser } from 'eventsource-parser';
import type { ProviderConfig } from '../catalog';
import { errors, GatewayError, type AttemptSummary, type ChatJob } from '../contracts';
import type { FrameWriter } from '../messaging';
import type { ProviderAdapter } from '../providers';
import { invalidResponseError } from '../providers/shared/invalid-response-error';
import { inSpan, SpanKind } from '../telemetry';
import type { AttemptTiming } from './attempt-timing';
import { bodyBilledToOwnKey, summaryBilledToOwnKey } from './own-key-billing';
import { callUpstream } from './upstream-http';

/** A key to call the provider with, and whether it is the key's own (BYOK) or the gateway's. */
export interface Credential {
  apiKey: string | undefined;
  byok: boolean;
}

export interface AttemptContext {
  job: ChatJob;
  adapter: ProviderAdapter;
  provider: ProviderConfig;
  credential: Credential;
  writer: FrameWriter;
  signal: AbortSignal;
  /** Filled in as the attempt goes, for its AttemptEvent. */
  timing: AttemptTiming;
  /** Once a stream is under way: the summary of what it has delivered so far, should it fail. */
  delivered: (() => AttemptSummary | null) | null;
}

/** Calls the provider once and answers with frames; throws what went wrong, for the caller to classify. */
export async function runAttempt(ctx: AttemptContext): Promise<void> {
  const { job, adapter, provider, credential, signal, timing } = ctx;
  if (job.embeddings && !adapter.embeddings) {
    // The catalog refuses such an endpoint; a job that names one anyway is not for this worker.
    throw errors.badRequest(`${provider.name} serves no embeddings.`);
  }
  const upstream = job.embeddings
    ? adapter.embeddings!.buildRequest(job, provider, credential.apiKey)
    : adapter.buildRequest(job, provider, credential.apiKey);
  const timeoutMs = Math.max(1, job.deadline - Date.now());
  const span = { kind: SpanKind.CLIENT, attributes: { 'url.full': upstream.url } };
  let calledAt = performance.now();
  const response = await inSpan(`POST ${provider.id}`, span, () => {
    // The provider may take part in the trace too.
    propagation.inject(context.active(), upstream.headers);
    timing.startedAt = Date.now();
    calledAt = performance.now();
    return callUpstream({ ...upstream, signal, timeoutMs });
  });
  timing.firstByteAt = Date.now();
  timing.status = response.statusCode;
  if (response.statusCode !== 200) {
    const bodyText = await response.body.text();
    throw adapter.classifyError(response.statusCode, response.headers, bodyText, provider);
  }
  if (job.stream) {
    await relayStream(ctx, response.body, calledAt);
    return;
  }
  const text = await response.body.text();
  await relayCompletion(ctx, parseJson(text, provider.name), msSince(calledAt));
}

/** A body that is not JSON is the provider's fault, not the network's. */
function parseJson(text: string, providerName: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidResponseError(providerName, text, 'the body is not JSON');
  }
}

/** Milliseconds since a `performance.now()` reading, to a hundredth: the gateway's overhead is sub-millisecond. */
const msSince = (start: number) => Math.round((performance.now() - start) * 100) / 100;

/** `upstreamMs`: from sending the request to the provider's last byte. */
async function relayCompletion(
  ctx: AttemptContext,
  upstreamBody: unknown,
  upstreamMs: number,
): Promise<void> {
  ctx.timing.firstTokenAt = Date.now();
  const translate = ctx.job.embeddings ? ctx.adapter.embeddings!.translate : ctx.adapter.translateCompletion;
  const { body, summary: answered } = translate(ctx.job, upstreamBody);
  const summary = { ...answered, upstreamMs };
  recordAnswered(ctx.timing, summary);
  if (ctx.credential.byok) ctx.writer.done([bodyBilledToOwnKey(body)], summaryBilledToOwnKey(summary));
  else ctx.writer.done([body], summary);
}

async function relayStream(
  ctx: AttemptContext,
  body: AsyncIterable<Uint8Array>,
  calledAt: number,
): Promise<void> {
  const translation = ctx.adapter.createStreamTranslation(ctx.job);
  ctx.delivered = () => translation.partial();
  let failure: unknown;
  // The chunks of one network read leave together: one message instead of one per token.
  let pending: string[] = [];
  const parser = createParser({
    onEvent: (event) => {
      if (failure !== undefined) return;
      try {
        pending.push(...translation.push(event.data, event.event));
      } catch (error) {
        failure = error;
      }
    },
  });
  const decoder = new TextDecoder();
  try {
    for await (const bytes of body) {
      ctx.timing.lastReadAt = Date.now();
      parser.feed(decoder.decode(bytes, { stream: true }));
      if (failure !== undefined) throw failure;
      // Once the answer is complete, what is left (usually the usage) goes out with the final frame.
      if (translation.complete) continue;
      if (pending.length > 0) ctx.timing.firstTokenAt ??= Date.now();
      ctx.writer.chunks(pending);
      pending = [];
    }
  } catch (error) {
    // The provider answered, then its connection broke: a cut stream, not an unreachable provider.
    if (error instanceof GatewayError || ctx.signal.aborted) throw error;
    throw errors.upstreamCut(ctx.provider.name);
  }
  if (!translation.complete) throw errors.upstreamCut(ctx.provider.name);
  const upstreamMs = msSince(calledAt);
  const { usageChunk, summary: answered } = translation.finish();
  const summary = { ...answered, upstreamMs };
  ctx.timing.firstTokenAt ??= Date.now();
  recordAnswered(ctx.timing, summary);
  if (ctx.credential.byok)
    ctx.writer.done([...pending, bodyBilledToOwnKey(usageChunk)], summaryBilledToOwnKey(summary));
  else ctx.writer.done([...pending, usageChunk], summary);
}

/** What the attempt's span and event say of a served answer. */
function recordAnswered(timing: AttemptTiming, summary: AttemptSummary): void {
  timing.promptTokens = summary.usage.prompt_tokens;
  timing.completionTokens = summary.usage.completion_tokens;
  timing.finishReason = summary.finishReason;
}
