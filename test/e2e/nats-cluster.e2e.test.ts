import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import OpenAI from 'openai';
import { startNatsCluster, type NatsCluster } from '../../libs/testing/nats-cluster';
import { recordsPerGeneration } from '../../libs/testing/records-per-generation';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { subjectsFor } from '../../libs/contracts';
import { TEST_CATALOG } from './test-catalog';

jest.setTimeout(120_000);

/**
 * The stack on a 3-node JetStream cluster, streams and buckets with three replicas: a node killed
 * under load costs no answered request its record, and the stack serves again within seconds.
 */
let cluster: NatsCluster;
let stack: TestStack;

beforeAll(async () => {
  cluster = await startNatsCluster(3);
  stack = await startTestStack({
    catalog: TEST_CATALOG,
    env: { NATS_URL: cluster.url, SWITCHYARD_JETSTREAM_REPLICAS: '3' },
  });
});

afterAll(async () => {
  await stack?.stop();
  await cluster?.stop();
});

async function streamLeader(): Promise<string> {
  const nc = await connect({ servers: cluster.url.split(',') });
  try {
    const info = await (await jetstreamManager(nc)).streams.info(subjectsFor(stack.namespace).eventsStream);
    return info.cluster!.leader!;
  } finally {
    await nc.close();
  }
}

interface Outcome {
  startedAt: number;
  id?: string;
  error?: string;
}

it('keeps three copies of the events stream', async () => {
  const nc = await connect({ servers: cluster.url.split(',') });
  try {
    const info = await (await jetstreamManager(nc)).streams.info(subjectsFor(stack.namespace).eventsStream);
    expect(info.config.num_replicas).toBe(3);
    expect(info.cluster?.replicas?.length).toBe(2);
  } finally {
    await nc.close();
  }
});

it('loses no record of an answered request when a node dies under load, and serves again within 5 s', async () => {
  const client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0, timeout: 30_000 });
  const outcomes: Outcome[] = [];
  const ask = async (): Promise<void> => {
    const outcome: Outcome = { startedAt: Date.now() };
    outcomes.push(outcome);
    try {
      const { data } = await client.chat.completions
        .create({ model: 'test/echo', messages: [{ role: 'user', content: 'through the cluster' }] })
        .withResponse();
      outcome.id = data.id;
    } catch (error) {
      outcome.error = String(error);
    }
  };
  const until = Date.now() + 12_000;
  let killedAt = 0;
  const load = Promise.all(
    Array.from({ length: 4 }, async () => {
      while (Date.now() < until) {
        await ask();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 3000));
  // The events stream's leader: its loss makes JetStream elect another while records keep coming.
  const leader = await streamLeader();
  killedAt = Date.now();
  cluster.kill(Number(leader.replace('node-', '')));
  await load;

  const afterRecovery = outcomes.filter((o) => o.startedAt > killedAt + 5000);
  expect(afterRecovery.length).toBeGreaterThan(10);
  expect(afterRecovery.filter((o) => o.error)).toEqual([]);
  const answered = outcomes.filter((o) => o.id).map((o) => o.id!);
  expect(answered.length).toBeGreaterThan(outcomes.length * 0.9);
  const records = await recordsPerGeneration(stack, answered, 30_000);
  expect(records.every((count) => count === 1)).toBe(true);
  expect(records).toHaveLength(answered.length);
});
