import { z } from 'zod';
import type { ReasoningDetail } from '../../contracts';

/**
 * Claude's thinking travels to the client as OpenRouter's `reasoning_details`, and comes back in the
 * assistant messages of the next request, where Anthropic wants it unchanged: a thinking block with
 * its signature, or a redacted one with its data. With tool use that is what lets the model go on
 * thinking from where it stopped.
 * https://openrouter.ai/docs/use-cases/reasoning-tokens#reasoning-details-api-shape
 * https://platform.claude.com/docs/en/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
export const ANTHROPIC_REASONING_FORMAT = 'anthropic-claude-v1';

export type ReplayedThinkingBlock =
  { type: 'thinking'; thinking: string; signature: string } | { type: 'redacted_thinking'; data: string };

export function textReasoningDetail(text: string, index: number, signature?: string): ReasoningDetail {
  return {
    type: 'reasoning.text',
    text,
    ...(signature && { signature }),
    format: ANTHROPIC_REASONING_FORMAT,
    index,
  };
}

export function encryptedReasoningDetail(data: string, index: number): ReasoningDetail {
  return { type: 'reasoning.encrypted', data, format: ANTHROPIC_REASONING_FORMAT, index };
}

const reasoningDetailsSchema = z.array(
  z
    .object({
      type: z.string(),
      text: z.string().nullish(),
      signature: z.string().nullish(),
      data: z.string().nullish(),
      format: z.string().nullish(),
      index: z.number().nullish(),
    })
    .loose(),
);

/**
 * The thinking blocks in an assistant message's `reasoning_details`, in order. A streaming client
 * may keep every streamed entry as it came (text pieces, then the signature, all under one index),
 * so entries of one type and index are joined into one block. Left out: other providers' formats,
 * summaries, and text without a signature, which Anthropic would reject; an unreadable field
 * yields none, since the conversation can go on without them.
 */
export function replayReasoningDetails(reasoningDetails: unknown): ReplayedThinkingBlock[] {
  const parsed = reasoningDetailsSchema.safeParse(reasoningDetails);
  if (!parsed.success) return [];
  const blocks = new Map<string, ReplayedThinkingBlock>();
  for (const [position, detail] of parsed.data.entries()) {
    if (detail.format != null && detail.format !== ANTHROPIC_REASONING_FORMAT) continue;
    const key = `${detail.type}#${detail.index ?? `at ${position}`}`;
    const open = blocks.get(key);
    if (detail.type === 'reasoning.text') {
      const earlier = open?.type === 'thinking' ? open : { thinking: '', signature: '' };
      blocks.set(key, {
        type: 'thinking',
        thinking: earlier.thinking + (detail.text ?? ''),
        signature: detail.signature || earlier.signature,
      });
    } else if (detail.type === 'reasoning.encrypted' && detail.data) {
      blocks.set(key, { type: 'redacted_thinking', data: detail.data });
    }
  }
  return [...blocks.values()].filter((block) => block.type === 'redacted_thinking' || block.signature !== '');
}
