import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { Client } from 'pg';
import { subjectsFor } from '../contracts';
import { natsServers } from '../config/nats-servers';

/** Where tests find PostgreSQL (trust auth, or credentials in the URL); its `postgres` database is used for admin. */
export const TEST_PG_SERVER = process.env.TEST_PG_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

/** Deletes what a test stack left in NATS. */
export async function deleteStreams(namespace: string, natsUrl: string): Promise<void> {
  // A private server the test has stopped already took its streams with it.
  const nc = await connect({ servers: natsServers(natsUrl), timeout: 1000, maxReconnectAttempts: 0 }).catch(
    () => null,
  );
  if (!nc) return;
  try {
    const jsm = await jetstreamManager(nc);
    const { eventsStream, streamPrefix } = subjectsFor(namespace);
    // The events stream, and every KV bucket (catalog, sessions, keys) and object store (large job
    // bodies) of the namespace: streams named KV_<bucket> and OBJ_<bucket>, where bucket names
    // start with the namespace's stream prefix.
    const prefixes = [`KV_${streamPrefix}_`, `OBJ_${streamPrefix}_`];
    for await (const name of jsm.streams.names()) {
      if (name === eventsStream || prefixes.some((prefix) => name.startsWith(prefix)))
        await jsm.streams.delete(name).catch(() => false);
    }
  } finally {
    await nc.close();
  }
}

/** Drops a test stack's database. */
export async function dropDatabase(database: string): Promise<void> {
  const client = new Client({ connectionString: `${TEST_PG_SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
