import { z } from 'zod';
import type { GenerationEvent } from '../../../libs/contracts';

const INT4_MAX = 2_147_483_647;

/** Postgres text and jsonb cannot hold U+0000; an upstream error message may carry one. */
const text = z.string().transform((value) => value.replaceAll('\u0000', ''));
const count = z.number().int().min(0).max(INT4_MAX);
/** Durations are stored as whole ms; a fractional one (from performance.now()) is rounded, not refused. */
const milliseconds = z.number().min(0).max(INT4_MAX).transform(Math.round);

const attemptRecordSchema = z.object({
  providerId: text,
  providerName: text,
  model: text,
  upstreamModel: text,
  status: z.number().int(),
  latencyMs: milliseconds,
  error: text.optional(),
});

/**
 * The boundary check for what arrives from JetStream: an event that passes fits the `generations`
 * table, so one bad event can never fail the batch it arrives in.
 */
export const generationEventSchema = z.object({
  id: z.string().min(1),
  createdAt: z.iso.datetime({ offset: true }),
  model: text,
  providerId: text.nullable(),
  providerName: text.nullable(),
  upstreamModel: text.nullable(),
  upstreamId: text.nullable(),
  streamed: z.boolean(),
  cancelled: z.boolean(),
  status: z.enum(['success', 'error']),
  errorCode: z.number().int().min(-INT4_MAX).max(INT4_MAX).nullable(),
  errorMessage: text.nullable(),
  finishReason: z.enum(['stop', 'length', 'tool_calls', 'content_filter', 'error']).nullable(),
  nativeFinishReason: text.nullable(),
  tokensPrompt: count,
  tokensCompletion: count,
  tokensReasoning: count,
  tokensCached: count,
  // Events published before the gateway counted missing usage were all counted by their provider.
  usageEstimated: z.boolean().default(false),
  totalCost: z.number().min(0).max(1e9),
  // Events published before BYOK existed carry neither field.
  isByok: z.boolean().default(false),
  upstreamInferenceCost: z.number().min(0).max(1e9).nullable().default(null),
  latencyMs: milliseconds.nullable(),
  generationTimeMs: milliseconds,
  // Events published before the gateway measured its overhead carry none.
  gatewayOverheadMs: z.number().min(0).max(1e9).nullable().default(null),
  attempts: z.array(attemptRecordSchema),
  apiKeyId: text.nullable(),
  user: text.nullable(),
  sessionId: text.nullable(),
  // Events published before presets existed carry neither field.
  preset: text.nullable().default(null),
  variant: text.nullable().default(null),
  // Events published before app attribution carry neither field.
  appReferer: text.nullable().default(null),
  appTitle: text.nullable().default(null),
  droppedParameters: z.array(text).max(100).default([]),
  traceparent: z.string().max(128).optional(),
}) satisfies z.ZodType<GenerationEvent>;

export type ParsedGenerationEvent =
  { ok: true; event: GenerationEvent } | { ok: false; reason: string; id?: string };

const decoder = new TextDecoder();
/** Enough to see what is wrong without one bad event filling the log. */
const MAX_REPORTED_ISSUES = 3;

/**
 * Reads one JetStream message: a batch of events (a JSON array, as ingress publishes them) or a
 * single event; one result per event, so one bad event never costs the others their record.
 */
export function readGenerationEvents(data: Uint8Array): ParsedGenerationEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(data));
  } catch {
    return [{ ok: false, reason: 'body is not JSON' }];
  }
  return Array.isArray(body)
    ? body.map((event) => parseGenerationEvent(event))
    : [parseGenerationEvent(body)];
}

/** Checks one event; one that is not valid says why, naming the field. */
export function parseGenerationEvent(body: unknown): ParsedGenerationEvent {
  const result = generationEventSchema.safeParse(body);
  if (result.success) return { ok: true, event: result.data };
  const { issues } = result.error;
  const shown = issues
    .slice(0, MAX_REPORTED_ISSUES)
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`);
  const more =
    issues.length > MAX_REPORTED_ISSUES ? ` (and ${issues.length - MAX_REPORTED_ISSUES} more)` : '';
  const id = (body as { id?: unknown } | null)?.id;
  return {
    ok: false,
    reason: `${shown.join('; ')}${more}`,
    id: typeof id === 'string' && id !== '' ? id : undefined,
  };
}
