import type { ChatRequest } from '../../contracts';
import { toGeminiJsonSchema } from './convert-json-schema';
import { convertReasoning, type ThinkingConfig } from './convert-reasoning';

export interface GenerationConfig {
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  seed?: number;
  stopSequences?: string[];
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: 'application/json';
  responseJsonSchema?: unknown;
  thinkingConfig?: ThinkingConfig;
}

/**
 * The sampling and output fields of a Chat Completions request as Gemini's `generationConfig`;
 * undefined when there are none, so Gemini applies its defaults. Fields Gemini has no counterpart
 * for (`logprobs`, `parallel_tool_calls`, `user`, …) are not sent.
 * https://ai.google.dev/api/generate-content#v1beta.GenerationConfig
 *
 * | request                                  | generationConfig                              |
 * | max_completion_tokens, else max_tokens   | maxOutputTokens                               |
 * | temperature, top_p, top_k, seed          | temperature, topP, topK, seed                 |
 * | stop (a string or a list)                | stopSequences                                 |
 * | presence_penalty, frequency_penalty      | presencePenalty, frequencyPenalty             |
 * | response_format json_object              | responseMimeType application/json             |
 * | response_format json_schema              | the same, and responseJsonSchema              |
 * | reasoning, include_reasoning             | thinkingConfig (see convertReasoning)         |
 */
export function buildGenerationConfig(
  request: ChatRequest,
  upstreamModel: string,
): GenerationConfig | undefined {
  const stop = request.stop;
  const thinkingConfig = convertReasoning(request.reasoning, request.include_reasoning, upstreamModel);
  const config: GenerationConfig = {
    ...defined('maxOutputTokens', request.max_completion_tokens ?? request.max_tokens),
    ...defined('temperature', request.temperature),
    ...defined('topP', request.top_p),
    ...defined('topK', request.top_k),
    ...defined('seed', request.seed),
    ...(stop != null && { stopSequences: typeof stop === 'string' ? [stop] : stop }),
    ...defined('presencePenalty', request.presence_penalty),
    ...defined('frequencyPenalty', request.frequency_penalty),
    ...responseFormatConfig(request.response_format),
    ...(thinkingConfig && { thinkingConfig }),
  };
  return Object.keys(config).length > 0 ? config : undefined;
}

function defined<K extends keyof GenerationConfig>(
  key: K,
  value: GenerationConfig[K] | null | undefined,
): Partial<GenerationConfig> {
  return value == null ? {} : { [key]: value };
}

/**
 * JSON mode, and with a schema, structured output. `responseJsonSchema` takes JSON Schema as clients
 * write it (unlike `responseSchema`, an OpenAPI subset). https://ai.google.dev/gemini-api/docs/structured-output
 */
function responseFormatConfig(format: ChatRequest['response_format']): Partial<GenerationConfig> {
  if (format?.type === 'json_object') return { responseMimeType: 'application/json' };
  if (format?.type !== 'json_schema') return {};
  const schema = format.json_schema.schema;
  return {
    responseMimeType: 'application/json',
    ...(schema !== undefined && { responseJsonSchema: toGeminiJsonSchema(schema) }),
  };
}
