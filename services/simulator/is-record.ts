/** A JSON object (not an array, not null): the one narrowing every reader of untrusted JSON needs. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
