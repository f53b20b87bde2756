import type { ReasoningDetail } from '../../../libs/contracts';

export type ThinkingBlock =
  { type: 'thinking'; thinking: string; signature: string } | { type: 'redacted_thinking'; data: string };

/**
 * The reasoning of a whole answer as Anthropic's thinking blocks. OpenRouter's `reasoning_details`
 * say more than the `reasoning` text (signatures, encrypted reasoning), so they win when both are
 * there; they repeat the same text. A missing signature is "", as Anthropic's own stream starts it.
 * https://openrouter.ai/docs/use-cases/reasoning-tokens#reasoning-details-api-shape
 * https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
export function toThinkingBlocks(
  reasoning: string | null | undefined,
  details: readonly ReasoningDetail[] | null | undefined,
): ThinkingBlock[] {
  if (details?.length) return details.flatMap(fromDetail);
  return reasoning ? [{ type: 'thinking', thinking: reasoning, signature: '' }] : [];
}

function fromDetail(detail: ReasoningDetail): ThinkingBlock[] {
  switch (detail.type) {
    case 'reasoning.text':
      return [{ type: 'thinking', thinking: detail.text, signature: detail.signature ?? '' }];
    case 'reasoning.summary':
      return [{ type: 'thinking', thinking: detail.summary, signature: '' }];
    case 'reasoning.encrypted':
      return detail.data ? [{ type: 'redacted_thinking', data: detail.data }] : [];
  }
}
