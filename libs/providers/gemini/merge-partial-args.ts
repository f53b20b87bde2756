import type { PartialArg } from './gemini-api';

type Segment = string | number;
type Container = Record<string, unknown> | unknown[];

/**
 * Function call arguments streamed piecewise: each partial argument sets the value at a JSON path
 * (`$.location`, `$.items[0].name`), and a string value at a path that already holds a string
 * continues it. Returns new arguments; the old ones are left as they were.
 * https://cloud.google.com/vertex-ai/generative-ai/docs/multimodal/function-calling#streaming-fc
 * https://ai.google.dev/api/caching#PartialArg
 */
export function mergePartialArgs(
  args: Record<string, unknown>,
  partialArgs: PartialArg[],
): Record<string, unknown> {
  const merged = structuredClone(args);
  for (const arg of partialArgs) {
    const path = parsePath(arg.jsonPath);
    const value = valueOf(arg);
    if (path.length === 0 || value === undefined) continue;
    const existing = readAt(merged, path);
    setAt(merged, path, typeof value === 'string' && typeof existing === 'string' ? existing + value : value);
  }
  return merged;
}

function valueOf(arg: PartialArg): unknown {
  if (arg.stringValue != null) return arg.stringValue;
  if (arg.numberValue != null) return arg.numberValue;
  if (arg.boolValue != null) return arg.boolValue;
  return 'nullValue' in arg ? null : undefined;
}

/** `$.a.b[0]['c d']` → ['a', 'b', 0, 'c d']; a path it cannot read → [] (the value is skipped). */
function parsePath(jsonPath: string): Segment[] {
  if (!jsonPath.startsWith('$')) return [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  const segments: Segment[] = [];
  let position = 1;
  while (position < jsonPath.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(jsonPath);
    if (!match) return [];
    segments.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? match[3] ?? match[4]));
    position = pattern.lastIndex;
  }
  return segments;
}

function readAt(root: Container, path: Segment[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<Segment, unknown>)[segment];
  }
  return current;
}

/** Creates the objects and arrays on the way; own properties only, so `__proto__` is just a key. */
function setAt(root: Container, path: Segment[], value: unknown): void {
  let container: Container = root;
  path.forEach((segment, position) => {
    const last = position === path.length - 1;
    const current = Object.hasOwn(container, segment)
      ? (container as Record<Segment, unknown>)[segment]
      : undefined;
    const next = last
      ? value
      : typeof current === 'object' && current !== null
        ? current
        : typeof path[position + 1] === 'number'
          ? []
          : {};
    Object.defineProperty(container, segment, {
      value: next,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    if (!last) container = next as Container;
  });
}
