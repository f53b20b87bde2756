import { errorBodySchema } from './gemini-api';

export interface GeminiError {
  code?: number;
  message?: string;
  /** The canonical status name: INVALID_ARGUMENT, RESOURCE_EXHAUSTED, … */
  status?: string;
  /** From a `google.rpc.RetryInfo` detail. */
  retryDelayMs?: number;
  /** A `google.rpc.ErrorInfo` detail says the key itself is wrong (Gemini answers 400 for a bad key). */
  keyRejected: boolean;
}

const RETRY_INFO = 'type.googleapis.com/google.rpc.RetryInfo';
const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';

/**
 * What Google's error body says, or undefined when the body is not one (a proxy's HTML page).
 * https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 * https://github.com/googleapis/googleapis/blob/master/google/rpc/error_details.proto
 */
export function readGeminiError(body: unknown): GeminiError | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { code, message, status, details } = parsed.data.error;
  const retryDelay = details?.find((detail) => detail['@type'] === RETRY_INFO)?.retryDelay;
  const reason = details?.find((detail) => detail['@type'] === ERROR_INFO)?.reason;
  const retryDelayMs = parseDuration(retryDelay);
  return {
    ...(code != null && { code }),
    ...(message && { message }),
    ...(status && { status }),
    ...(retryDelayMs !== undefined && { retryDelayMs }),
    keyRejected: typeof reason === 'string' && reason.startsWith('API_KEY_'),
  };
}

/** A protobuf Duration in its JSON form, seconds with an `s`: "34.4s". */
function parseDuration(value: unknown): number | undefined {
  const seconds = typeof value === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(value.trim())?.[1] : undefined;
  return seconds === undefined ? undefined : Math.ceil(Number(seconds) * 1000);
}
