import type { Client } from 'pg';

/**
 * Why connecting to PostgreSQL failed, as far as it changes what to do: a server that is not
 * there (start it) versus one that answered and said no (fix DATABASE_URL, or the server's roles).
 * The SQLSTATEs are PostgreSQL's: https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export type PostgresFailure =
  | 'unreachable'
  | 'password refused'
  | 'password missing'
  | 'host refused'
  | 'no such role'
  | 'no such database'
  | 'other';

/** Socket errors, and the server's "connection failure" class (08) and "going or gone" (57P01–57P03). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
]);
/** node-postgres's own words for a connection that was lost or never made. */
const UNREACHABLE_MESSAGE =
  /Connection terminated|timeout expired|timeout exceeded when trying to connect|Client has encountered a connection error/;

/** Read by property, not by `instanceof Error`: socket errors come from another realm under Jest. */
function messageOf(error: unknown): string {
  const { message } = (error ?? {}) as { message?: unknown };
  return typeof message === 'string' ? message : String(error);
}

export function classifyPostgresFailure(error: unknown): PostgresFailure {
  const { code } = (error ?? {}) as { code?: unknown };
  const text = messageOf(error);
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08')))
    return 'unreachable';
  switch (code) {
    case '28P01':
      return 'password refused';
    // Both "no pg_hba.conf entry" and "role does not exist" (which trust and peer auth reveal).
    case '28000':
      return /role .* does not exist/.test(text) ? 'no such role' : 'host refused';
    case '3D000':
      return 'no such database';
  }
  // node-postgres itself, when the server asks for a password (SCRAM) and the URL has none.
  if (/client password must be a (non-empty )?string/.test(text)) return 'password missing';
  return UNREACHABLE_MESSAGE.test(text) ? 'unreachable' : 'other';
}

/** One line that says what failed, where, and what to check; the URL's password is never shown. */
export function describePostgresFailure(
  error: unknown,
  url: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const target = new URL(url);
  const at = `PostgreSQL at ${target.host}`;
  // What node-postgres connects as when the URL names no user.
  const user = decodeURIComponent(target.username) || env.PGUSER || env.USER || 'the default user';
  const database = decodeURIComponent(target.pathname.slice(1)) || user;
  const reason = messageOf(error);
  switch (classifyPostgresFailure(error)) {
    case 'unreachable':
      return `PostgreSQL is not reachable at ${target.host} (${reason}).`;
    case 'password refused':
      return `${at} refused the password for user ${user} (check DATABASE_URL's user and password).`;
    case 'password missing':
      return `${at} asks for a password for user ${user}, and DATABASE_URL has none (postgres://${user}:<password>@${target.host}/…).`;
    case 'host refused':
      return `${at} does not let user ${user} connect to database ${database} from this host (${reason}): allow it in pg_hba.conf, or check DATABASE_URL.`;
    case 'no such role':
      return `${at} has no role ${user} (create it, or check DATABASE_URL's user).`;
    case 'no such database':
      return `${at} has no database ${database} (create it, or check DATABASE_URL).`;
    case 'other':
      return `${at} refused the connection as user ${user}: ${reason}`;
  }
}

/** Connects `client` to `url`, or throws an error that says what to fix (pg's error as its cause). */
export async function connectPostgres(client: Client, url: string): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    throw new Error(describePostgresFailure(error, url), { cause: error });
  }
}
