/**
 * Request fields that OpenRouter's `supported_parameters` list under another name: listing `tools`
 * means an endpoint takes `tool_choice` and `parallel_tool_calls` too, `max_tokens` covers
 * `max_completion_tokens`, `logprobs` covers `top_logprobs`, `reasoning` covers `reasoning_effort`.
 * https://openrouter.ai/docs/api-reference/parameters
 */
const LISTED_AS: Record<string, string> = {
  tool_choice: 'tools',
  parallel_tool_calls: 'tools',
  max_completion_tokens: 'max_tokens',
  top_logprobs: 'logprobs',
  reasoning_effort: 'reasoning',
};

/** Whether an endpoint that lists `supported` takes the request field `parameter`. */
export function supportsParameter(supported: readonly string[], parameter: string): boolean {
  return supported.includes(parameter) || supported.includes(LISTED_AS[parameter] ?? parameter);
}

/** The request's parameters an endpoint does not list, which its worker leaves out; none without a list. */
export function unsupportedParameters(
  parameters: readonly string[],
  supported: readonly string[] | undefined,
): string[] {
  return supported ? parameters.filter((parameter) => !supportsParameter(supported, parameter)) : [];
}
