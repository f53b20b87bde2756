import { supportsParameter } from '../../catalog/supported-parameters';

/** What every request needs, whatever the endpoint lists. */
const ALWAYS_SENT = new Set(['model', 'messages', 'stream', 'stream_options']);

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
  const kept = Object.fromEntries(
    Object.entries(body).filter(
      ([field]) => ALWAYS_SENT.has(field) || supportsParameter(supportedParameters, field),
    ),
  );
  if (kept.tools === undefined) {
    delete kept.tool_choice;
    delete kept.parallel_tool_calls;
  }
  return kept;
}
