/**
 * A tool call's JSON arguments as the `input` object Anthropic's `tool_use` carries. Models sometimes
 * send no arguments, or broken JSON; Anthropic's clients need an object, so those become `{}` and the
 * tool's own input validation tells the model what is missing.
 * https://docs.anthropic.com/en/api/messages#response-content
 */
export function parseToolInput(argumentsJson: string): Record<string, unknown> {
  try {
    const input: unknown = JSON.parse(argumentsJson);
    return isObject(input) ? input : {};
  } catch {
    return {};
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
