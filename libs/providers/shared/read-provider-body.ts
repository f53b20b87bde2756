import type { z } from 'zod';
import type { GatewayError } from '../../contracts';
import { invalidResponseError } from './invalid-response-error';

/** A stream event's data as JSON; text that is not JSON is an answer the gateway cannot read. */
export function parseStreamEvent(providerName: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidResponseError(providerName, text, 'a stream event is not JSON');
  }
}

/**
 * A provider's JSON body read with its schema. An error the provider reports in the body
 * (`reportedError`, checked first) is thrown as is; a body the schema rejects is an
 * `invalidResponseError` carrying `raw`.
 */
export function readProviderBody<S extends z.ZodType>(
  providerName: string,
  schema: S,
  body: unknown,
  raw: string,
  reportedError?: (body: unknown) => GatewayError | undefined,
): z.output<S> {
  const reported = reportedError?.(body);
  if (reported) throw reported;
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidResponseError(providerName, raw, parsed.error);
  return parsed.data;
}
