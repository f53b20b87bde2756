/** What every request needs, whatever the endpoint lists. */
const ALWAYS_SENT = new Set(['model', 'messages', 'stream', 'stream_options']);

/**
 * Wire fields that OpenRouter's `supported_parameters` list under another name; every other field
 * is listed under its own. `parallel_tool_calls` only means something with tools.
 * https://openrouter.ai/docs/api-reference/parameters
 */
const PARAMETER_BY_FIELD: Record<string, string> = {
  max_completion_tokens: 'max_tokens',
  reasoning_effort: 'reasoning',
  parallel_tool_calls: 'tools',
};

/**
 * The body without the fields the endpoint does not list, so the provider answers instead of
 * rejecting a parameter it does not know. A tool choice without tools is an error upstream, so it
 * goes with them. No list: nothing is dropped.
 */
export function keepSupportedParameters(
  body: Record<string, unknown>,
  supportedParameters: readonly string[] | undefined,
): Record<string, unknown> {
  if (!supportedParameters) return body;
  const supported = new Set(supportedParameters);
  const kept = Object.fromEntries(
    Object.entries(body).filter(
      ([field]) => ALWAYS_SENT.has(field) || supported.has(PARAMETER_BY_FIELD[field] ?? field),
    ),
  );
  if (kept.tools === undefined) {
    delete kept.tool_choice;
    delete kept.parallel_tool_calls;
  }
  return kept;
}
