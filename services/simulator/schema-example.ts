import { isRecord } from './is-record';

/**
 * A value shaped by a JSON schema, the same every time, so the simulator's tool-call arguments and
 * structured outputs are predictable in tests: the required properties (every property when none is
 * required), strings "example", numbers 1, booleans true, enums their first value, arrays empty.
 * Only the keywords tool and response schemas use in practice are read; `$ref` is not resolved.
 */
export function exampleFromSchema(schema: unknown): unknown {
  if (!isRecord(schema)) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return exampleFromSchema(alternatives.find((s) => !isNullSchema(s)));
  switch (typeOf(schema)) {
    case 'string':
      return 'example';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return objectExample(schema);
    default:
      return null;
  }
}

/** For tool parameters and response schemas, whose root is always an object (so `{}` means "no fields"). */
export function exampleObject(schema: unknown): Record<string, unknown> {
  return objectExample(isRecord(schema) ? schema : {});
}

function objectExample(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required)
    ? schema.required.filter((name): name is string => typeof name === 'string')
    : [];
  const names = required.length > 0 ? required : Object.keys(properties);
  return Object.fromEntries(names.map((name) => [name, exampleFromSchema(properties[name])]));
}

/**
 * `type` may be a list (`["string", "null"]`): the first non-null type is the useful example. Gemini's
 * OpenAPI schemas spell types in capitals (`OBJECT`).
 */
function typeOf(schema: Record<string, unknown>): string | undefined {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => !isNullType(t)) : schema.type;
  if (typeof type === 'string') return type.toLowerCase();
  return isRecord(schema.properties) ? 'object' : undefined;
}

function isNullSchema(schema: unknown): boolean {
  return isRecord(schema) && isNullType(schema.type);
}

function isNullType(type: unknown): boolean {
  return typeof type === 'string' && type.toLowerCase() === 'null';
}
