/**
 * How long the provider asks us to wait, in ms. `retry-after-ms` is OpenAI's and Azure's finer
 * variant; `retry-after` is seconds or an HTTP date.
 * https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 * https://platform.openai.com/docs/guides/rate-limits
 */
export function parseRetryAfter(
  headers: Record<string, string | string[] | undefined>,
  now = Date.now(),
): number | undefined {
  const milliseconds = headerValue(headers, 'retry-after-ms');
  if (milliseconds !== undefined && NUMBER.test(milliseconds)) return Math.ceil(Number(milliseconds));
  const retryAfter = headerValue(headers, 'retry-after');
  if (retryAfter === undefined) return undefined;
  if (NUMBER.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
  // Date.parse reads "-5" as a year; an HTTP date always names its day and month.
  const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const NUMBER = /^\d+(\.\d+)?$/;

function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return (Array.isArray(found) ? found[0] : found)?.trim();
}
