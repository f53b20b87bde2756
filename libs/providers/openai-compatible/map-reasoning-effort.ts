import type { ReasoningEffort, ReasoningRequest } from '../shared/openrouter-reasoning';

/**
 * The share of the output limit each effort gives to reasoning, as OpenRouter documents it. Only
 * the efforts every reasoning model accepts are candidates for a budget: `minimal` and `xhigh`
 * exist on some OpenAI models only, so they are sent only when the client names them.
 * https://openrouter.ai/docs/use-cases/reasoning-tokens#reasoning-effort-level
 */
const SHARE_OF_OUTPUT_BY_EFFORT: [ReasoningEffort, number][] = [
  ['low', 0.2],
  ['medium', 0.5],
  ['high', 0.8],
];

/** OpenRouter's default effort, which `enabled: true` asks for. */
const DEFAULT_EFFORT: ReasoningEffort = 'medium';

/**
 * OpenRouter's `reasoning` as OpenAI's `reasoning_effort`, or undefined to leave the model's default.
 *
 * | reasoning                  | reasoning_effort                                         |
 * | enabled: false             | none (OpenRouter's effort that disables reasoning)        |
 * | effort                     | the same effort                                           |
 * | max_tokens, with an output | the effort whose share of the output limit is nearest to  |
 * |   limit (max_tokens or     | max_tokens ÷ limit                                        |
 * |   max_completion_tokens)   |                                                           |
 * | max_tokens, no limit       | medium: there is no share to compute                      |
 * | enabled: true              | medium                                                    |
 * | exclude only, or nothing   | (none sent)                                               |
 * https://openrouter.ai/docs/use-cases/reasoning-tokens
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-reasoning_effort
 */
export function mapReasoningEffort(
  reasoning: ReasoningRequest,
  outputLimit: number | undefined,
): ReasoningEffort | undefined {
  if (reasoning.enabled === false) return 'none';
  if (reasoning.effort) return reasoning.effort;
  if (reasoning.maxTokens !== undefined) {
    return outputLimit ? nearestEffort(reasoning.maxTokens / outputLimit) : DEFAULT_EFFORT;
  }
  return reasoning.enabled ? DEFAULT_EFFORT : undefined;
}

function nearestEffort(share: number): ReasoningEffort {
  const distance = (effortShare: number) => Math.abs(effortShare - share);
  return SHARE_OF_OUTPUT_BY_EFFORT.reduce((best, candidate) =>
    distance(candidate[1]) < distance(best[1]) ? candidate : best,
  )[0];
}
