import type { ChatRequest } from '../../contracts';
import type { AnthropicTool, AnthropicToolChoice } from './convert-tools';

type ResponseFormatRequest = Pick<ChatRequest, 'response_format'>;

/**
 * How a JSON answer is asked of Claude:
 * - `json_schema` with a schema: Anthropic's structured outputs (`output_config.format`), which
 *   constrain the text itself to the schema, keep working with thinking, and need nothing special
 *   on the way back. Anthropic wants every object schema closed (`additionalProperties: false`), as
 *   OpenAI's strict mode does; objects that do not say are closed here, and other keywords it does
 *   not support come back as its 400.
 * - `json_object` (or `json_schema` without a schema): structured outputs need a schema, so the
 *   model is made to call a `json` tool whose input (any object) becomes the answer's text, and
 *   the tool call's `tool_use` stop reason the answer's `stop`. Limitation: forcing a tool does not
 *   go with thinking, and the newest models (Claude Opus 5.5, Fable 5.1, Sonnet 5.5) reject forced
 *   tool use; on those, ask with a schema.
 * https://platform.claude.com/docs/en/build-with-claude/structured-outputs
 * https://platform.claude.com/docs/en/agents-and-tools/tool-use/define-tools#forcing-tool-use
 */
export const JSON_TOOL_NAME = 'json';

export const jsonTool: AnthropicTool = {
  name: JSON_TOOL_NAME,
  description: 'Respond with a JSON object.',
  input_schema: { type: 'object' },
};

export const jsonToolChoice: AnthropicToolChoice = {
  type: 'tool',
  name: JSON_TOOL_NAME,
  disable_parallel_tool_use: true,
};

export function answersThroughJsonTool(request: ResponseFormatRequest): boolean {
  const format = request.response_format;
  return format?.type === 'json_object' || (format?.type === 'json_schema' && !format.json_schema.schema);
}

export function structuredOutputFormat(
  request: ResponseFormatRequest,
): { type: 'json_schema'; schema: unknown } | undefined {
  const format = request.response_format;
  if (format?.type !== 'json_schema' || !format.json_schema.schema) return undefined;
  return { type: 'json_schema', schema: closeObjectSchemas(format.json_schema.schema) };
}

/** Keywords whose value is a map of schemas, and those whose value is a schema or a list of them. */
const SCHEMA_MAPS = new Set(['properties', '$defs', 'definitions']);
const SUBSCHEMAS = new Set(['items', 'prefixItems', 'anyOf', 'oneOf', 'allOf', 'not']);

function closeObjectSchemas(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjectSchemas);
  if (!isRecord(schema)) return schema;
  const closed = Object.fromEntries(
    Object.entries(schema).map(([keyword, value]) => {
      if (SCHEMA_MAPS.has(keyword) && isRecord(value)) {
        return [
          keyword,
          Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, closeObjectSchemas(sub)])),
        ];
      }
      return [keyword, SUBSCHEMAS.has(keyword) ? closeObjectSchemas(value) : value];
    }),
  );
  const describesObject =
    schema.type === 'object' ||
    (Array.isArray(schema.type) && schema.type.includes('object')) ||
    'properties' in schema;
  return describesObject && !('additionalProperties' in schema)
    ? { ...closed, additionalProperties: false }
    : closed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
