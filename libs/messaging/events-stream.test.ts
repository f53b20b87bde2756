import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { subjectsFor } from '../contracts';
import { ensureEventsStream } from './events';

/** Against the real NATS server here, which is a single node: it refuses more than one replica. */
let nc: NatsConnection;
const namespace = () => subjectsFor(`t${randomBytes(4).toString('hex')}`);
const subjects = namespace();
const unmade = namespace();

beforeAll(async () => {
  nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
});

afterAll(async () => {
  const jsm = await jetstreamManager(nc);
  for (const s of [subjects, unmade]) await jsm.streams.delete(s.eventsStream).catch(() => undefined);
  await nc.close();
});

describe('ensureEventsStream', () => {
  afterEach(() => {
    delete process.env.SWITCHYARD_JETSTREAM_REPLICAS;
  });

  it('creates the stream once, with SWITCHYARD_JETSTREAM_REPLICAS copies', async () => {
    await ensureEventsStream(nc, subjects);
    await ensureEventsStream(nc, subjects);
    const info = await (await jetstreamManager(nc)).streams.info(subjects.eventsStream);
    expect(info.config).toMatchObject({ subjects: [subjects.eventsWildcard], num_replicas: 1 });
  });

  it('creates it with the replicas configured: a single node refuses three', async () => {
    process.env.SWITCHYARD_JETSTREAM_REPLICAS = '3';
    await expect(ensureEventsStream(nc, unmade)).rejects.toThrow(/replicas > 1 not supported/);
  });

  it('brings an existing stream to the replicas configured', async () => {
    process.env.SWITCHYARD_JETSTREAM_REPLICAS = '3';
    await ensureEventsStream(nc, subjects);
    const info = await (await jetstreamManager(nc)).streams.info(subjects.eventsStream);
    expect(info.config.num_replicas).toBe(3);
  });
});
