import type { ProviderConfig } from '../../catalog';
import { GatewayError } from '../../contracts';
import { truncateRaw } from './truncate-raw';

/**
 * Error names and codes that mean the provider was too slow rather than unreachable: an abort by
 * the job's deadline (`AbortSignal.timeout` throws a TimeoutError, `abort()` an AbortError), and
 * undici's own timeouts.
 * https://undici.nodejs.org/#/docs/api/Errors
 * https://nodejs.org/api/errors.html#common-system-errors
 */
const TIMEOUT_NAMES = new Set(['AbortError', 'TimeoutError']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * A call that got no HTTP answer. A timeout is OpenRouter's 408; a refused, reset or unresolvable
 * connection is a 502. Either way another endpoint may answer, so both are retryable.
 * fetch hides the socket's error in `cause`, so the whole chain is read.
 */
export function networkError(error: unknown, provider: ProviderConfig): GatewayError {
  const chain = causeChain(error);
  const timedOut = chain.some(
    (link) => TIMEOUT_NAMES.has(link.name ?? '') || TIMEOUT_CODES.has(link.code ?? ''),
  );
  const code = chain.find((link) => link.code)?.code;
  const raw = chain
    .map((link) => link.message ?? link.name)
    .filter(Boolean)
    .join(': ');
  const metadata = { provider_name: provider.name, raw: truncateRaw(raw) };
  if (timedOut) {
    return new GatewayError({
      status: 408,
      message: `${provider.name} did not answer in time`,
      metadata,
      retryable: true,
    });
  }
  return new GatewayError({
    status: 502,
    message: `Could not reach ${provider.name}${code ? ` (${code})` : ''}`,
    metadata,
    retryable: true,
  });
}

interface ErrorLink {
  name?: string;
  code?: string;
  message?: string;
}

const MAX_CAUSES = 5;

function causeChain(error: unknown): ErrorLink[] {
  const chain: ErrorLink[] = [];
  let link = error;
  while (link !== undefined && link !== null && chain.length < MAX_CAUSES) {
    if (typeof link !== 'object') {
      chain.push({ message: String(link) });
      break;
    }
    const { name, code, message, cause } = link as Record<string, unknown>;
    chain.push({ name: asText(name), code: asText(code), message: asText(message) });
    link = cause;
  }
  return chain;
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
