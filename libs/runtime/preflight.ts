import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { Client } from 'pg';
import { classifyPostgresFailure, describePostgresFailure } from './postgres-failure';
import { natsServers } from '../config/nats-servers';

/**
 * Checks, before anything starts, that NATS (with JetStream) and PostgreSQL answer; each failure
 * says what is missing and how to get it.
 */
export async function preflight(natsUrl: string, databaseUrl: string): Promise<string[]> {
  const problems = await Promise.all([checkNats(natsUrl), checkPostgres(databaseUrl)]);
  return problems.filter((p): p is string => p !== null);
}

async function checkNats(url: string): Promise<string | null> {
  let nc;
  try {
    nc = await connect({ servers: natsServers(url), timeout: 2000, maxReconnectAttempts: 0 });
  } catch {
    return [
      `NATS is not reachable at ${url}.`,
      '  Start it with JetStream enabled, e.g.: nats-server -js',
      '  (Debian/Ubuntu: apt-get install nats-server; or set NATS_URL to a running server.)',
    ].join('\n');
  }
  try {
    await (await jetstreamManager(nc)).getAccountInfo();
    return null;
  } catch {
    return `NATS at ${url} is running without JetStream. Restart it with -js (nats-server -js).`;
  } finally {
    await nc.close();
  }
}

async function checkPostgres(url: string): Promise<string | null> {
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new Client({ connectionString: server.toString(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    const problem = describePostgresFailure(error, server.toString());
    // A server that answered and said no needs DATABASE_URL (or its roles) fixed, which the line says.
    if (classifyPostgresFailure(error) !== 'unreachable') return problem;
    return [
      problem,
      '  Start it (Debian/Ubuntu: apt-get install postgresql; pg_ctlcluster <version> main start),',
      '  or set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/switchyard',
    ].join('\n');
  } finally {
    await client.end().catch(() => undefined);
  }
}
