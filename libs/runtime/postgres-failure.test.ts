import { classifyPostgresFailure, describePostgresFailure } from './postgres-failure';

/** Errors as node-postgres reports them (a server's FATAL carries its SQLSTATE as `code`). */
const failure = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

const URL = 'postgres://app:secret@db.example:5432/switchyard';

describe('classifyPostgresFailure and describePostgresFailure', () => {
  it.each([
    [
      failure('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      'unreachable',
      'PostgreSQL is not reachable at db.example:5432 (connect ECONNREFUSED 127.0.0.1:5432).',
    ],
    [
      failure('getaddrinfo ENOTFOUND db.example', 'ENOTFOUND'),
      'unreachable',
      'PostgreSQL is not reachable at db.example:5432 (getaddrinfo ENOTFOUND db.example).',
    ],
    [
      failure('Connection terminated unexpectedly'),
      'unreachable',
      'PostgreSQL is not reachable at db.example:5432 (Connection terminated unexpectedly).',
    ],
    [
      failure('the database system is starting up', '57P03'),
      'unreachable',
      'PostgreSQL is not reachable at db.example:5432 (the database system is starting up).',
    ],
    [
      failure('password authentication failed for user "app"', '28P01'),
      'password refused',
      "PostgreSQL at db.example:5432 refused the password for user app (check DATABASE_URL's user and password).",
    ],
    [
      failure('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'),
      'password missing',
      'PostgreSQL at db.example:5432 asks for a password for user app, and DATABASE_URL has none (postgres://app:<password>@db.example:5432/…).',
    ],
    [
      failure(
        'no pg_hba.conf entry for host "10.0.0.7", user "app", database "switchyard", no encryption',
        '28000',
      ),
      'host refused',
      'PostgreSQL at db.example:5432 does not let user app connect to database switchyard from this host (no pg_hba.conf entry for host "10.0.0.7", user "app", database "switchyard", no encryption): allow it in pg_hba.conf, or check DATABASE_URL.',
    ],
    [
      failure('role "app" does not exist', '28000'),
      'no such role',
      "PostgreSQL at db.example:5432 has no role app (create it, or check DATABASE_URL's user).",
    ],
    [
      failure('database "switchyard" does not exist', '3D000'),
      'no such database',
      'PostgreSQL at db.example:5432 has no database switchyard (create it, or check DATABASE_URL).',
    ],
    [
      failure('too many connections for role "app"', '53300'),
      'other',
      'PostgreSQL at db.example:5432 refused the connection as user app: too many connections for role "app"',
    ],
  ])('%s is %s', (error, kind, line) => {
    expect(classifyPostgresFailure(error)).toBe(kind);
    expect(describePostgresFailure(error, URL)).toBe(line);
    expect(describePostgresFailure(error, URL)).not.toContain('secret');
  });

  it('names the user node-postgres connects as when the URL names none', () => {
    const refused = failure('password authentication failed for user "alice"', '28P01');
    expect(describePostgresFailure(refused, 'postgres://127.0.0.1/switchyard', { USER: 'alice' })).toBe(
      "PostgreSQL at 127.0.0.1 refused the password for user alice (check DATABASE_URL's user and password).",
    );
  });
});
