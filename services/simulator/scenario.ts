/**
 * Per-request behaviour chosen by a path prefix, `/scenario/<opts>/v1/...` (or `/v1beta/...`): a catalog
 * provider whose base URL carries the prefix is a failing, slow, broken or recorded provider, with
 * nothing else to set up.
 */
export interface ScenarioOptions {
  /** Answer with this status and the provider's error body for it (every request, or every n-th with failEvery). */
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
  /** Stream this many content chunks, then destroy the socket before the stream's end. */
  cutAfter?: number;
  /** The first content event's JSON is cut in half (a non-streamed body is cut short). */
  malformed: boolean;
  /** Serve this recorded provider response verbatim instead of the planned reply. */
  replay?: ReplayTarget;
  /** Answer with nothing: no content, zero completion tokens, no finish reason (a provider's empty reply). */
  empty: boolean;
  /**
   * Answer without usage, as an OpenAI-compatible server that ignores `stream_options.include_usage`
   * or a proxy that strips it: no usage chunk (nor `usage` in a whole answer), no Anthropic `usage`,
   * no Gemini `usageMetadata`.
   */
  noUsage: boolean;
}

/** The fixture families of test/fixtures/providers, one folder each. */
export const REPLAY_FAMILIES = [
  'openai',
  'deepseek',
  'groq',
  'mistral',
  'xai',
  'anthropic',
  'gemini',
] as const;
export type ReplayFamily = (typeof REPLAY_FAMILIES)[number];

/** `replay=anthropic/anthropic-text`: a fixture file name without its extension, in a family's folder. */
export interface ReplayTarget {
  family: ReplayFamily;
  name: string;
}

export const DEFAULT_SCENARIO: ScenarioOptions = {
  ttftMs: 0,
  itlMs: 0,
  stall: false,
  malformed: false,
  empty: false,
  noUsage: false,
};

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
  ['replay', replayOption],
  ['empty', (value) => flagOption(value, { empty: true })],
  ['no-usage', (value) => flagOption(value, { noUsage: true })],
]);

/** Fixture names may contain dots (`anthropic-json-tool.1`) but never a path: no slash, no leading dot. */
const FIXTURE_NAME = /^[\w-][\w.-]*$/;

/** Where the provider's own path starts after the options; a replay option's value has a slash itself. */
const API_PATH_START = /\/v1(?:beta)?\//;

/**
 * Splits `/scenario/<opts>/rest` into its options and the path the request is really for, which starts
 * at `/v1/` or `/v1beta/` (else at the first slash). A bad option's error keeps that path, so the
 * answer can be in the shape of the provider the request was for.
 */
export function parseScenarioPath(path: string): ScenarioPath | { error: string; path?: string } {
  if (!path.startsWith(PREFIX)) return { path, key: '', overrides: {} };
  const rest = path.slice(PREFIX.length);
  const apiStart = API_PATH_START.exec(rest)?.index ?? rest.indexOf('/');
  if (apiStart < 0) return { error: `Invalid scenario path '${path}': expected /scenario/<options>/v1/...` };
  const key = rest.slice(0, apiStart);
  const overrides = parseScenarioOptions(safeDecode(key));
  const realPath = rest.slice(apiStart);
  return typeof overrides === 'string'
    ? { error: overrides, path: realPath }
    : { path: realPath, key, overrides };
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

function replayOption(value: string | undefined): Partial<ScenarioOptions> | string {
  const [family = '', name, ...extra] = (value ?? '').split('/');
  if (!isReplayFamily(family) || name === undefined || extra.length > 0) {
    return `expected <family>/<fixture name>, family one of ${REPLAY_FAMILIES.join(', ')}`;
  }
  if (!FIXTURE_NAME.test(name)) return `'${name}' is not a fixture file name`;
  return { replay: { family, name } };
}

function isReplayFamily(value: string): value is ReplayFamily {
  return (REPLAY_FAMILIES as readonly string[]).includes(value);
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
