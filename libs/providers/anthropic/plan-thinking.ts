import type { ReasoningEffort, ReasoningRequest } from '../shared/openrouter-reasoning';
import type { ThinkingStyle } from './claude-thinking-style';

export type AnthropicThinking =
  { type: 'enabled'; budget_tokens: number } | { type: 'adaptive'; display: 'summarized' | 'omitted' };

export type AnthropicEffort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface ThinkingPlan {
  thinking?: AnthropicThinking;
  /** `output_config.effort`. */
  effort?: AnthropicEffort;
  /** The request's `max_tokens`, which Anthropic counts the thinking against. */
  maxTokens: number;
}

type Effort = Exclude<ReasoningEffort, 'none'>;

/** OpenRouter's share of `max_tokens` for each effort, on models that take a budget. */
const BUDGET_SHARE: Record<Effort, number> = { xhigh: 0.95, high: 0.8, medium: 0.5, low: 0.2, minimal: 0.1 };
const MIN_BUDGET = 1024;
const MAX_BUDGET = 128_000;

/** Anthropic has no `minimal`; `xhigh` is the model's strongest level (see ThinkingStyle). */
const ADAPTIVE_EFFORT: Record<Exclude<Effort, 'xhigh'>, AnthropicEffort> = {
  high: 'high',
  medium: 'medium',
  low: 'low',
  minimal: 'low',
};

/**
 * OpenRouter's `reasoning` as Anthropic's thinking. Nothing is sent unless the client asks for
 * reasoning (an effort, a budget or `enabled: true`), nor for `effort: "none"` / `enabled: false`:
 * the model then does what it does by default. (A `disabled` thinking would be the literal reading,
 * but the models that always think answer it with a 400.)
 *
 * | reasoning             | budget models (Claude ≤ 4.5)                                | adaptive models (Claude ≥ 4.6)   |
 * | max_tokens: n         | budget_tokens: max(n, 1024)                                 | adaptive                         |
 * | effort                | budget_tokens: max(min(max_tokens × share, 128000), 1024)   | adaptive, output_config.effort   |
 * | enabled: true         | as effort medium                                            | adaptive, the model's own effort |
 * | exclude: true         | (the answer leaves the reasoning out)                       | display: omitted                 |
 *
 * Shares are OpenRouter's (xhigh 0.95, high 0.8, medium 0.5, low 0.2, minimal 0.1). Anthropic wants
 * `max_tokens` above the thinking allowance; when the client's is not, it is read as the answer's
 * room and the allowance is added to it. Adaptive thinking asks for `display: summarized`, because
 * Claude 4.7 and later omit the thinking text by default.
 * https://openrouter.ai/docs/use-cases/reasoning-tokens#reasoning-max-tokens-for-anthropic-models
 * https://platform.claude.com/docs/en/build-with-claude/extended-thinking
 * https://platform.claude.com/docs/en/build-with-claude/adaptive-thinking
 */
export function planThinking(
  reasoning: ReasoningRequest,
  style: ThinkingStyle,
  maxTokens: number,
): ThinkingPlan {
  const off = reasoning.enabled === false || reasoning.effort === 'none';
  const effort = reasoning.effort === 'none' ? undefined : reasoning.effort;
  const asked = effort !== undefined || reasoning.maxTokens !== undefined || reasoning.enabled === true;
  if (off || !asked) return { maxTokens };

  if (style.kind === 'adaptive') {
    return {
      thinking: { type: 'adaptive', display: reasoning.exclude ? 'omitted' : 'summarized' },
      ...(effort && { effort: effort === 'xhigh' ? style.topEffort : ADAPTIVE_EFFORT[effort] }),
      maxTokens: withRoomBeyond(reasoning.maxTokens, maxTokens),
    };
  }
  const budget =
    reasoning.maxTokens !== undefined
      ? Math.max(reasoning.maxTokens, MIN_BUDGET)
      : Math.max(Math.min(Math.floor(maxTokens * BUDGET_SHARE[effort ?? 'medium']), MAX_BUDGET), MIN_BUDGET);
  return {
    thinking: { type: 'enabled', budget_tokens: budget },
    maxTokens: withRoomBeyond(budget, maxTokens),
  };
}

function withRoomBeyond(reasoningTokens: number | undefined, maxTokens: number): number {
  return reasoningTokens !== undefined && reasoningTokens >= maxTokens
    ? reasoningTokens + maxTokens
    : maxTokens;
}
