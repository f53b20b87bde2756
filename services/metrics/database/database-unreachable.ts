import { errors, GatewayError } from '../../../libs/contracts';
import { classifyPostgresFailure } from '../../../libs/runtime/postgres-failure';

/** Whether `error` says Postgres could not be reached, rather than that a query was wrong. */
export const isDatabaseUnreachable = (error: unknown): boolean =>
  classifyPostgresFailure(error) === 'unreachable';

/** Runs `work`, turning "Postgres is not answering" into a 503 that says what is unavailable. */
export async function unlessDatabaseDown<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GatewayError || !isDatabaseUnreachable(error)) throw error;
    throw errors.noProvider(`${what} unavailable right now: PostgreSQL is not answering.`);
  }
}
