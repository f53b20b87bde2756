import { errors, GatewayError } from '../../../libs/contracts';

/** Socket errors and the SQLSTATEs of a server that is going or gone (class 08, 57P01–57P03). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
]);
const UNREACHABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

/** Whether `error` says Postgres could not be reached, rather than that a query was wrong. */
export function isDatabaseUnreachable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && UNREACHABLE_MESSAGE.test(message);
}

/** Runs `work`, turning "Postgres is not answering" into a 503 that says what is unavailable. */
export async function unlessDatabaseDown<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GatewayError || !isDatabaseUnreachable(error)) throw error;
    throw errors.noProvider(`${what} unavailable right now: PostgreSQL is not answering.`);
  }
}
