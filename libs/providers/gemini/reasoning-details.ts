import { z } from 'zod';
import type { ReasoningDetail } from '../../contracts';

/**
 * Gemini's thought signatures travel to the client as OpenRouter's encrypted `reasoning_details`,
 * and come back in the assistant messages of the next request. A signature on a function call carries
 * the call's id, so it returns to the same call; one on text carries no id.
 * https://openrouter.ai/docs/use-cases/reasoning-tokens#reasoning-details-api-shape
 * https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export const GEMINI_REASONING_FORMAT = 'google-gemini-v1';

export function encryptedReasoningDetail(
  signature: string,
  index: number,
  toolCallId?: string,
): ReasoningDetail {
  return {
    type: 'reasoning.encrypted',
    data: signature,
    ...(toolCallId !== undefined && { id: toolCallId }),
    format: GEMINI_REASONING_FORMAT,
    index,
  };
}

const reasoningDetailsSchema = z.array(
  z
    .object({
      type: z.string(),
      data: z.string().nullish(),
      id: z.string().nullish(),
      format: z.string().nullish(),
    })
    .loose(),
);

export interface ThoughtSignatures {
  byToolCallId: Map<string, string>;
  /** Signatures of text parts, in order. */
  onText: string[];
}

/**
 * The signatures in an assistant message's `reasoning_details`. Other providers' entries (another
 * `format`) and the readable `reasoning.text` entries are not Gemini's to replay; an unreadable
 * field yields none, since signatures only improve (and for Gemini 3 tool calls, permit) a replay.
 */
export function readThoughtSignatures(reasoningDetails: unknown): ThoughtSignatures {
  const signatures: ThoughtSignatures = { byToolCallId: new Map(), onText: [] };
  const parsed = reasoningDetailsSchema.safeParse(reasoningDetails);
  if (!parsed.success) return signatures;
  for (const detail of parsed.data) {
    const ours = detail.format == null || detail.format === GEMINI_REASONING_FORMAT;
    if (detail.type !== 'reasoning.encrypted' || !ours || !detail.data) continue;
    if (detail.id) signatures.byToolCallId.set(detail.id, detail.data);
    else signatures.onText.push(detail.data);
  }
  return signatures;
}
