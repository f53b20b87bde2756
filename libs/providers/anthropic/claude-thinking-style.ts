/**
 * How a model takes thinking, which depends on its generation:
 * - `budget`: `thinking: {type: 'enabled', budget_tokens}`. Claude 4.5 and older know only this.
 * - `adaptive`: `thinking: {type: 'adaptive'}` with `output_config.effort`. Claude 4.6 brought it, and
 *   from Claude 4.7 on a budget is a 400 ("thinking.type.enabled is not supported for this model").
 *   `topEffort` is the strongest effort the model takes: `xhigh` came with Claude 4.7; Claude 4.6
 *   and Mythos Preview stop at `max`, which OpenRouter rates the same as `xhigh`.
 *
 * A Claude id without a version (`claude-mythos-preview`) is a current model, so adaptive; any other
 * id (a compatible server's own model) takes the budget form, which is what such servers implement.
 * https://platform.claude.com/docs/en/build-with-claude/adaptive-thinking
 * https://platform.claude.com/docs/en/build-with-claude/effort
 * https://platform.claude.com/docs/en/about-claude/models/overview
 */
export type ThinkingStyle = { kind: 'budget' } | { kind: 'adaptive'; topEffort: 'xhigh' | 'max' };

export function thinkingStyle(upstreamModel: string): ThinkingStyle {
  const version = claudeVersion(upstreamModel);
  if (version === undefined) {
    return /\bclaude-/i.test(upstreamModel) ? { kind: 'adaptive', topEffort: 'max' } : { kind: 'budget' };
  }
  if (version < 4.6) return { kind: 'budget' };
  return { kind: 'adaptive', topEffort: version >= 4.7 ? 'xhigh' : 'max' };
}

/**
 * The version in a Claude model id, wherever the family puts it: `claude-opus-4-6` (4.6),
 * `claude-haiku-4-5-20251001` (4.5), `claude-3-7-sonnet-20250219` (3.7), `claude-opus-5` (5).
 * A snapshot date (eight digits) is not a minor version.
 */
function claudeVersion(upstreamModel: string): number | undefined {
  const match = /\bclaude-(?:[a-z]+-)?(\d{1,2})(?:-(\d))?(?=-|$|@|:)/i.exec(upstreamModel);
  if (!match) return undefined;
  return Number(match[1]) + (match[2] ? Number(match[2]) / 10 : 0);
}
