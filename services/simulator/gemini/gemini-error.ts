import type { HttpFailure } from '../http-io';

/**
 * Error responses in Google's shape, `{"error":{"code","message","status"}}`, with the canonical status
 * Google pairs with each HTTP status. https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 */
export interface GeminiErrorBody {
  error: { code: number; message: string; status: string; details?: unknown[] };
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=UTF-8' };

const STATUSES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const SIMULATED_MESSAGES: Record<number, string> = {
  400: 'Request contains an invalid argument. (simulated)',
  401: 'Request had invalid authentication credentials. (simulated)',
  403: 'The caller does not have permission. (simulated)',
  404: 'Requested entity was not found. (simulated)',
  429: 'You exceeded your current quota, please check your plan and billing details. (simulated)',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting (simulated)',
  503: 'The model is overloaded. Please try again later. (simulated)',
  504: 'Deadline expired before operation could complete. (simulated)',
};

/** Google says when to retry in the body, not in a Retry-After header. */
const RETRY_INFO = { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1s' };

const API_KEY_INVALID = {
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason: 'API_KEY_INVALID',
  domain: 'googleapis.com',
  metadata: { service: 'generativelanguage.googleapis.com' },
};

export function geminiError(code: number, message: string, details?: unknown[]): HttpFailure {
  const body: GeminiErrorBody = {
    error: { code, message, status: statusOf(code), ...(details && { details }) },
  };
  return { status: code, body, headers: JSON_HEADERS };
}

export function invalidArgument(message: string): HttpFailure {
  return geminiError(400, message);
}

/** A missing key is a 403 and a wrong one a 400, with the real API's words. */
export function unauthorized(keyGiven: boolean): HttpFailure {
  return keyGiven
    ? geminiError(400, 'API key not valid. Please pass a valid API key.', [API_KEY_INVALID])
    : geminiError(
        403,
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
      );
}

export function notFound(method: string, path: string): HttpFailure {
  return geminiError(404, `Method not found: ${method} ${path}`);
}

export function simulatedFailure(status: number): HttpFailure {
  const message = SIMULATED_MESSAGES[status] ?? `Simulated failure with status ${status}.`;
  return geminiError(status, message, status === 429 ? [RETRY_INFO] : undefined);
}

function statusOf(code: number): string {
  return STATUSES[code] ?? (code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
}
