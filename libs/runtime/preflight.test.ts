import { preflight } from './preflight';

/** Against the NATS and PostgreSQL servers the tests use. */
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const PG_SERVER = process.env.TEST_PG_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

function databaseUrl(change: (url: URL) => void = () => undefined): string {
  const url = new URL(PG_SERVER);
  change(url);
  url.pathname = '/switchyard';
  return url.toString();
}

describe('preflight', () => {
  it('finds nothing wrong with servers that answer', async () => {
    expect(await preflight(NATS_URL, databaseUrl())).toEqual([]);
  });

  it('tells a server that refuses the user from one that is not there', async () => {
    const [refused] = await preflight(
      NATS_URL,
      databaseUrl((url) => (url.username = 'switchyard_no_such_role')),
    );
    // Trust auth reveals that the role is missing; password auth refuses the password instead.
    expect(refused).toMatch(
      /^PostgreSQL at [\w.:]+ (has no role|refused the password for user) switchyard_no_such_role/,
    );

    const [absent] = await preflight(
      NATS_URL,
      databaseUrl((url) => (url.port = '1')),
    );
    expect(absent).toMatch(
      /^PostgreSQL is not reachable at [\w.]+:1 \(connect ECONNREFUSED .*\)\.\n {2}Start it/,
    );
  });
});
