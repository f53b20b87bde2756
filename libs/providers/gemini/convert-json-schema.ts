/**
 * A client's JSON Schema as Gemini's `responseJsonSchema` and `parametersJsonSchema` accept it. Those
 * fields take JSON Schema itself (not the older OpenAPI-subset `Schema`), but silently ignore the
 * keywords they do not support; `const` is the one worth keeping, so it becomes the one-value `enum`
 * it means. `$schema` names the dialect and means nothing to Gemini.
 * https://ai.google.dev/api/generate-content#FIELDS.response_json_schema
 * https://ai.google.dev/api/caching#FunctionDeclaration
 */
export function toGeminiJsonSchema(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const { $schema: _dialect, const: constValue, ...rest } = schema;
  const converted: Record<string, unknown> = Object.fromEntries(
    Object.entries(rest).map(([keyword, value]) => [keyword, convertKeyword(keyword, value)]),
  );
  if (constValue !== undefined && converted.enum === undefined) converted.enum = [constValue];
  return converted;
}

/** Keywords whose value is a schema, a list of schemas, or a map of named schemas. */
const SUBSCHEMA = new Set(['items', 'additionalProperties', 'not', 'contains']);
const SUBSCHEMA_LIST = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
const SUBSCHEMA_MAP = new Set(['properties', 'patternProperties', '$defs', 'definitions']);

function convertKeyword(keyword: string, value: unknown): unknown {
  if (SUBSCHEMA.has(keyword)) {
    return Array.isArray(value) ? value.map(toGeminiJsonSchema) : toGeminiJsonSchema(value);
  }
  if (SUBSCHEMA_LIST.has(keyword) && Array.isArray(value)) return value.map(toGeminiJsonSchema);
  if (SUBSCHEMA_MAP.has(keyword) && isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toGeminiJsonSchema(sub)]));
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
