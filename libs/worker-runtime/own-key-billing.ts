import { errors, GatewayError, type AttemptSummary, type Usage } from '../contracts';

/**
 * With the key's own credential (BYOK) the provider bills the key's owner, not the gateway: as on
 * OpenRouter, `cost` is what the gateway charges (nothing), `is_byok` says so, and the provider's
 * price moves to `cost_details.upstream_inference_cost`.
 * https://openrouter.ai/docs/cookbook/administration/usage-accounting
 */
export function billedToOwnKey(usage: Usage): Usage {
  return { ...usage, cost: 0, is_byok: true, cost_details: { upstream_inference_cost: usage.cost } };
}

export const summaryBilledToOwnKey = (summary: AttemptSummary): AttemptSummary => ({
  ...summary,
  usage: billedToOwnKey(summary.usage),
});

/** The same, in a `chat.completion` or usage chunk as the worker built it (JSON with a `usage`). */
export function bodyBilledToOwnKey(json: string): string {
  const body = JSON.parse(json) as { usage?: Usage };
  if (!body.usage) return json;
  return JSON.stringify({ ...body, usage: billedToOwnKey(body.usage) });
}

/**
 * A provider's refusal of the key's own credential is the key's to fix, so it is a 401 that names
 * the provider (not the 502 a refused gateway key is); other failures keep their status. Either
 * way, the credential is cut out of what the provider said, should it have echoed it.
 */
export function ownKeyFailure(error: GatewayError, providerName: string, credential: string): GatewayError {
  const upstream = error.metadata?.upstream_status;
  const failure =
    upstream === 401 || upstream === 403
      ? new GatewayError({
          status: 401,
          message: `${providerName} rejected your own (BYOK) key (HTTP ${upstream}); its answer is in metadata.raw.`,
          metadata: { ...error.metadata, is_byok: true },
          retryable: false,
        })
      : error;
  return redacted(failure, credential);
}

/** The error with every occurrence of `secret` in its message and metadata replaced. */
export function redacted(error: GatewayError, secret: string): GatewayError {
  if (!secret) return error;
  const scrub = (text: string) => text.split(secret).join('[REDACTED]');
  const metadata = error.metadata && JSON.parse(scrub(JSON.stringify(error.metadata)));
  return new GatewayError({
    status: error.status,
    message: scrub(error.message),
    metadata,
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
  });
}

/** A job on the BYOK subject whose credential cannot be opened: the operator's to fix. */
export const credentialUnusable = (providerName: string, why: string) =>
  errors.internal(`The key's own (BYOK) credential for ${providerName} cannot be used: ${why}.`);
