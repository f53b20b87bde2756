import type { z } from 'zod';
import { GatewayError } from '../../contracts';
import { truncateRaw } from './truncate-raw';

/**
 * A response the gateway cannot read. Another try would most likely get the same from the same
 * software, so the request moves on to another provider, never this one again; the raw body lets
 * the operator see what the provider sent.
 */
export function invalidResponseError(
  providerName: string,
  raw: string,
  problem: string | z.ZodError,
): GatewayError {
  const detail = typeof problem === 'string' ? problem : describeIssue(problem.issues[0]);
  return new GatewayError({
    status: 502,
    message: `${providerName} sent a response the gateway cannot read: ${detail}`,
    metadata: { provider_name: providerName, raw: truncateRaw(raw) },
    retryable: true,
    retryScope: 'provider',
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
