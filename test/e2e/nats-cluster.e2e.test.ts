import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import OpenAI from 'openai';
import { natsServers } from '../../libs/config/nats-servers';
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
  const nc = await connect({ servers: natsServers(cluster.url) });
  try {
    const info = await (await jetstreamManager(nc)).streams.info(subjectsFor(stack.namespace).eventsStream);
    return info.cluster!.leader!;
  } finally {
    await nc.close();
  }
}

/** How long before its death an ingress's answers may lack a record: its event batch window, and some. */
const BATCH_LOSS_WINDOW_MS = 100;

interface Outcome {
  startedAt: number;
  endedAt?: number;
  id?: string;
  error?: string;
}

it('keeps three copies of the events stream', async () => {
  const nc = await connect({ servers: natsServers(cluster.url) });
  try {
    const info = await (await jetstreamManager(nc)).streams.info(subjectsFor(stack.namespace).eventsStream);
    expect(info.config.num_replicas).toBe(3);
    expect(info.cluster?.replicas?.length).toBe(2);
  } finally {
    await nc.close();
  }
});

it("serves on through the loss of one replica of each service in turn; every answer is recorded once but the killed ingress's last batch", async () => {
  const before = new Set(stack.pids().keys());
  const secondIngress = await stack.startIngressReplica().catch((error: unknown) => {
    throw new Error(
      `${String(error)}\n${stack
        .logs()
        .split('\n')
        .filter((l) => l.includes('[ingress-'))
        .join('\n')}`,
    );
  });
  const ingressReplica = [...stack.pids().keys()].find(
    (name) => !before.has(name) && name.startsWith('ingress'),
  )!;
  for (const name of ['router', 'worker-openai-compatible', 'metrics']) {
    await stack.startReplica(name).catch((error: unknown) => {
      throw new Error(
        `${String(error)}\n${stack
          .logs()
          .split('\n')
          .filter((l) => l.includes(`[${name}-`))
          .join('\n')}`,
      );
    });
  }
  let entrances = [stack.baseUrl, secondIngress];
  const clients = new Map(
    entrances.map((url) => [
      url,
      new OpenAI({ baseURL: url, apiKey: stack.apiKey, maxRetries: 0, timeout: 30_000 }),
    ]),
  );
  const outcomes: (Outcome & { via: string })[] = [];
  const until = Date.now() + 20_000;
  const load = Promise.all(
    Array.from({ length: 4 }, async (_, worker) => {
      for (let i = 0; Date.now() < until; i++) {
        const via = entrances[(worker + i) % entrances.length];
        const outcome = { startedAt: Date.now(), via } as Outcome & { via: string };
        outcomes.push(outcome);
        try {
          const completion = await clients.get(via)!.chat.completions.create({
            model: 'test/echo',
            stream: i % 2 === 0,
            messages: [{ role: 'user', content: 'replica by replica' }],
          });
          if ('id' in completion) outcome.id = completion.id;
          else for await (const chunk of completion) outcome.id = chunk.id;
        } catch (error) {
          outcome.error = String(error);
        }
        outcome.endedAt = Date.now();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }),
  );
  const kills: { what: string; at: number }[] = [];
  const kill = (name: string) => {
    kills.push({ what: name, at: Date.now() });
    process.kill(stack.pids().get(name)!, 'SIGKILL');
  };
  await new Promise((resolve) => setTimeout(resolve, 2000));
  kill(ingressReplica);
  // A load balancer stops sending to an ingress that is gone; so do these clients.
  entrances = [stack.baseUrl];
  for (const name of ['router', 'worker-openai-compatible', 'metrics']) {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    kill(name);
  }
  await load;

  const ingressKilledAt = kills[0].at;
  const failed = outcomes.filter((o) => o.error);
  // Only requests in flight on the killed ingress may fail: the others all get a complete answer.
  expect(failed.filter((o) => o.via !== secondIngress || o.startedAt > ingressKilledAt)).toEqual([]);
  const lastKill = kills.at(-1)!.at;
  expect(outcomes.filter((o) => o.startedAt > lastKill + 5000 && o.id).length).toBeGreaterThan(10);
  // A generation event leaves ingress in a batch up to 20 ms after its answer: what the killed
  // ingress had answered in that window dies with it (SIGKILL; a SIGTERM flushes). Every other
  // answer has exactly one record.
  const inKilledBatch = (o: Outcome & { via: string }) =>
    o.via === secondIngress && (o.endedAt ?? 0) > ingressKilledAt - BATCH_LOSS_WINDOW_MS;
  const mustHave = outcomes.filter((o) => o.id && !inKilledBatch(o)).map((o) => o.id!);
  const records = await recordsPerGeneration(stack, mustHave, 45_000);
  expect(records).toHaveLength(mustHave.length);
  expect(records.every((count) => count === 1)).toBe(true);
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
