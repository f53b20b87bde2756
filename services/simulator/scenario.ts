/**
 * Per-request behaviour chosen by a path prefix, `/scenario/<opts>/v1/...`: a catalog provider whose base
 * URL carries the prefix is a failing, slow or broken provider, with nothing else to set up.
 */
export interface ScenarioOptions {
  /** Answer with this HTTP status and an OpenAI error body (every request, or every n-th with failEvery). */
  failStatus?: number;
  /** Fail only every n-th request of this scenario (with failStatus, default 500), to test retries. */
  failEvery?: number;
  /** Delay before the first byte of the answer. */
  ttftMs: number;
  /** Delay between streamed tokens. */
  itlMs: number;
  /** Accept the request and never answer, until the client closes the socket. */
  stall: boolean;
  /** Stream this many content chunks, then go silent. */
  stallAfter?: number;
  /** Stream this many content chunks, then destroy the socket without `[DONE]`. */
  cutAfter?: number;
  /** The second streamed event is invalid JSON (a non-streamed body is cut short). */
  malformed: boolean;
}

export const DEFAULT_SCENARIO: ScenarioOptions = { ttftMs: 0, itlMs: 0, stall: false, malformed: false };

export interface ScenarioPath {
  /** The path without the prefix, e.g. `/v1/chat/completions`. */
  path: string;
  /** The raw option text; requests with the same text share a `fail-every` count. */
  key: string;
  overrides: Partial<ScenarioOptions>;
}

const PREFIX = '/scenario/';
const LARGEST_DELAY_MS = 600_000;
const LARGEST_COUNT = 1_000_000;

type OptionParser = (value: string | undefined) => Partial<ScenarioOptions> | string;

const OPTION_PARSERS = new Map<string, OptionParser>([
  ['fail', (value) => integerOption(value, 400, 599, (failStatus) => ({ failStatus }))],
  ['fail-every', (value) => integerOption(value, 1, LARGEST_COUNT, (failEvery) => ({ failEvery }))],
  ['ttft', (value) => integerOption(value, 0, LARGEST_DELAY_MS, (ttftMs) => ({ ttftMs }))],
  ['itl', (value) => integerOption(value, 0, LARGEST_DELAY_MS, (itlMs) => ({ itlMs }))],
  ['stall', (value) => flagOption(value, { stall: true })],
  ['stall-after', (value) => integerOption(value, 0, LARGEST_COUNT, (stallAfter) => ({ stallAfter }))],
  ['cut', (value) => integerOption(value, 0, LARGEST_COUNT, (cutAfter) => ({ cutAfter }))],
  ['malformed', (value) => flagOption(value, { malformed: true })],
]);

/** Splits `/scenario/<opts>/rest` into its options and the path the request is really for. */
export function parseScenarioPath(path: string): ScenarioPath | { error: string } {
  if (!path.startsWith(PREFIX)) return { path, key: '', overrides: {} };
  const end = path.indexOf('/', PREFIX.length);
  if (end < 0) return { error: `Invalid scenario path '${path}': expected /scenario/<options>/v1/...` };
  const key = path.slice(PREFIX.length, end);
  const overrides = parseScenarioOptions(safeDecode(key));
  return typeof overrides === 'string' ? { error: overrides } : { path: path.slice(end), key, overrides };
}

/** `fail=429,ttft=50` → `{ failStatus: 429, ttftMs: 50 }`; an unknown or bad option is an error message. */
export function parseScenarioOptions(text: string): Partial<ScenarioOptions> | string {
  let options: Partial<ScenarioOptions> = {};
  for (const item of text.split(',')) {
    const trimmed = item.trim();
    if (trimmed === '') continue;
    const [name, value] = splitOption(trimmed);
    const parse = OPTION_PARSERS.get(name);
    if (!parse) return `Unknown scenario option '${name}' (known: ${[...OPTION_PARSERS.keys()].join(', ')})`;
    const parsed = parse(value);
    if (typeof parsed === 'string') return `Invalid scenario option '${trimmed}': ${parsed}`;
    options = { ...options, ...parsed };
  }
  return options;
}

/** Counts requests per scenario key, so `fail-every=n` fails exactly every n-th one of that scenario. */
export function createFailurePolicy(): (options: ScenarioOptions, key: string) => number | undefined {
  const counts = new Map<string, number>();
  return (options, key) => {
    if (options.failEvery === undefined) return options.failStatus;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    return count % options.failEvery === 0 ? (options.failStatus ?? 500) : undefined;
  };
}

function splitOption(item: string): [string, string | undefined] {
  const equals = item.indexOf('=');
  return equals < 0 ? [item, undefined] : [item.slice(0, equals).trim(), item.slice(equals + 1).trim()];
}

function integerOption(
  value: string | undefined,
  min: number,
  max: number,
  build: (n: number) => Partial<ScenarioOptions>,
): Partial<ScenarioOptions> | string {
  const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? build(n) : `expected an integer from ${min} to ${max}`;
}

function flagOption(value: string | undefined, options: Partial<ScenarioOptions>) {
  return value === undefined ? options : 'takes no value';
}

/** A malformed %-escape is left as typed, so the error names what the caller wrote. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
