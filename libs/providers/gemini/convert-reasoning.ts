import { z } from 'zod';
import { errors } from '../../contracts';
import { isGemini3OrLater } from './model-generation';

export interface ThinkingConfig {
  thinkingBudget?: number;
  thinkingLevel?: 'low' | 'medium' | 'high';
  includeThoughts: boolean;
}

/** OpenRouter's `reasoning` object. https://openrouter.ai/docs/use-cases/reasoning-tokens */
const reasoningSchema = z
  .object({
    effort: z.enum(['xhigh', 'high', 'medium', 'low', 'minimal', 'none']).nullish(),
    max_tokens: z.number().int().nonnegative().nullish(),
    exclude: z.boolean().nullish(),
    enabled: z.boolean().nullish(),
  })
  .loose();

type Effort = Exclude<NonNullable<z.infer<typeof reasoningSchema>['effort']>, 'none'>;

/**
 * Token budgets for an effort on Gemini 2.x, which knows no levels: Google's own mapping for its
 * OpenAI-compatible endpoint (low 1K, medium 8K, high 24K). https://ai.google.dev/gemini-api/docs/openai#thinking
 */
const BUDGET_BY_EFFORT: Record<Effort, number> = {
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 24576,
};

/**
 * Gemini 3's levels. It has nothing above `high`, and `minimal` is an error on several models
 * (3 Pro, 3.1 Pro, 3.8 Flash), so `minimal` asks for `low`, which every Gemini 3 model takes.
 * https://ai.google.dev/gemini-api/docs/gemini-3#thinking_level
 */
const LEVEL_BY_EFFORT: Record<Effort, NonNullable<ThinkingConfig['thinkingLevel']>> = {
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'high',
};

/**
 * OpenRouter's `reasoning` (and the older `include_reasoning`) as Gemini's `thinkingConfig`. Without
 * either, none is sent and the model thinks as it does by default, without returning its thoughts:
 * a `thinkingConfig` is an error on models that cannot think.
 *
 * | reasoning                        | Gemini 2.x                | Gemini 3 and later                  |
 * | max_tokens: n                    | thinkingBudget: n         | thinkingBudget: n                   |
 * | effort                           | thinkingBudget (table)    | thinkingLevel (table)               |
 * | effort none, or enabled: false   | thinkingBudget: 0         | no level: Gemini 3 always thinks    |
 * | exclude: true                    | includeThoughts: false    | includeThoughts: false              |
 * https://ai.google.dev/gemini-api/docs/thinking#set-budget
 */
export function convertReasoning(
  reasoning: unknown,
  includeReasoning: unknown,
  upstreamModel: string,
): ThinkingConfig | undefined {
  if (reasoning == null && includeReasoning == null) return undefined;
  const parsed = reasoningSchema.safeParse(reasoning ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw errors.badRequest(`Invalid request: ${['reasoning', ...issue.path].join('.')}: ${issue.message}`);
  }
  const { effort, max_tokens: maxTokens, exclude, enabled } = parsed.data;
  const off = enabled === false || effort === 'none';
  const includeThoughts = !off && exclude !== true && includeReasoning !== false;
  const levels = isGemini3OrLater(upstreamModel);
  if (off) return levels ? { includeThoughts } : { thinkingBudget: 0, includeThoughts };
  if (maxTokens != null) return { thinkingBudget: maxTokens, includeThoughts };
  if (effort != null) {
    return levels
      ? { thinkingLevel: LEVEL_BY_EFFORT[effort], includeThoughts }
      : { thinkingBudget: BUDGET_BY_EFFORT[effort], includeThoughts };
  }
  return { includeThoughts };
}
