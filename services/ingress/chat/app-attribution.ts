import type { IncomingHttpHeaders } from 'node:http';

/** A record keeps this much of each header: enough to name an app, bounded in size. */
const MAX_CHARS = 512;

export interface AppAttribution {
  referer: string | null;
  title: string | null;
}

/**
 * OpenRouter's app attribution: the app's URL in `HTTP-Referer` and its name in `X-Title`
 * (`X-OpenRouter-Title` too), recorded with each generation. Empty headers say nothing.
 * https://openrouter.ai/docs/app-attribution
 */
export function appAttribution(headers: IncomingHttpHeaders): AppAttribution {
  return {
    referer: firstValue(headers['http-referer']),
    title: firstValue(headers['x-title'] ?? headers['x-openrouter-title']),
  };
}

function firstValue(value: string | string[] | undefined): string | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text ? text.slice(0, MAX_CHARS) : null;
}
