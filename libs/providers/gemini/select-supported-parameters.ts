import type { ChatRequest } from '../../contracts';

/**
 * The request fields each of OpenRouter's `supported_parameters` names govern. Dropping `tools`
 * drops `tool_choice` too: a choice among no tools is an error upstream.
 * https://openrouter.ai/docs/api-reference/parameters
 */
const FIELDS_BY_PARAMETER: Record<string, readonly string[]> = {
  max_tokens: ['max_tokens', 'max_completion_tokens'],
  temperature: ['temperature'],
  top_p: ['top_p'],
  top_k: ['top_k'],
  seed: ['seed'],
  stop: ['stop'],
  presence_penalty: ['presence_penalty'],
  frequency_penalty: ['frequency_penalty'],
  response_format: ['response_format'],
  tools: ['tools', 'tool_choice'],
  tool_choice: ['tool_choice'],
  reasoning: ['reasoning'],
  include_reasoning: ['include_reasoning'],
};

/**
 * The request without the parameters the endpoint does not list, so that a model that rejects one
 * (Gemini 2.5 on the Gemini API rejects the penalties) still answers. No list: nothing is dropped.
 */
export function selectSupportedParameters(request: ChatRequest, supportedParameters?: string[]): ChatRequest {
  if (!supportedParameters) return request;
  const selected: Record<string, unknown> = { ...request };
  for (const [parameter, fields] of Object.entries(FIELDS_BY_PARAMETER)) {
    if (supportedParameters.includes(parameter)) continue;
    for (const field of fields) delete selected[field];
  }
  return selected as ChatRequest;
}
