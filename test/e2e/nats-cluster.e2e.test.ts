import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import OpenAI from 'openai';
import { natsServers } from '../../libs/config/nats-servers';
import { startNatsCluster, type NatsCluster } from '../../libs/testing/nats-cluster';
import { Client } from 'pg';
import { ledgerBucketName } from '../../libs/accounts';
import { callGateway, createKey } from '../../libs/testing/keys-api';
import { eventually } from '../../libs/testing/eventually';
import { recordsPerGeneration } from '../../libs/testing/records-per-generation';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { subjectsFor } from '../../libs/contracts';
import { TEST_CATALOG } from './test-catalog';

jest.setTimeout(180_000);

/**
 * The stack on a 3-node JetStream cluster (streams and buckets with three replicas) and two
 * replicas of every service on the request path. Under steady load, one ingress, one router, one
 * worker, one metrics and the node leading the events stream and the limits' books die in turn (SIGKILL): only requests in
 * flight on the killed ingress may fail, none outlives its deadline, every answer is recorded
 * exactly once, the key's spend is what its answers cost, its rate limit holds, and the stack
 * serves at its rate again within 5 s of each death.
 */
let cluster: NatsCluster;
let stack: TestStack;
const REQUEST_TIMEOUT_MS = 10_000;

beforeAll(async () => {
  cluster = await startNatsCluster(3);
  stack = await startTestStack({
    catalog: TEST_CATALOG,
    env: {
      NATS_URL: cluster.url,
      SWITCHYARD_JETSTREAM_REPLICAS: '3',
      SWITCHYARD_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    },
  });
});

afterAll(async () => {
  await stack?.stop();
  await cluster?.stop();
});

async function leaderOf(stream: string): Promise<string> {
  const nc = await connect({ servers: natsServers(cluster.url) });
  try {
    return (await (await jetstreamManager(nc)).streams.info(stream)).cluster!.leader!;
  } finally {
    await nc.close();
  }
}

/**
 * Moves the ledger bucket's leadership (step-downs elect another node) until the events stream's
 * leader leads it too: that node's death then takes both the records' and the limits' leaders.
 */
async function oneLeaderForEventsAndLedger(): Promise<string> {
  const subjects = subjectsFor(stack.namespace);
  const ledger = `KV_${ledgerBucketName(subjects)}`;
  const leader = await leaderOf(subjects.eventsStream);
  const nc = await connect({ servers: natsServers(cluster.url) });
  try {
    for (let tries = 0; (await leaderOf(ledger)) !== leader; tries++) {
      if (tries === 10) throw new Error(`the ledger's leadership did not move to ${leader}`);
      const before = await leaderOf(ledger);
      await nc.request(`$JS.API.STREAM.LEADER.STEPDOWN.${ledger}`, '', { timeout: 5_000 });
      await eventually(
        'a new ledger leader',
        async () => {
          const now = await leaderOf(ledger).catch(() => before);
          return now !== before ? now : undefined;
        },
        10_000,
      );
    }
  } finally {
    await nc.close();
  }
  return leader;
}

/** Each service's log lines, for an error that says why a replica did not start. */
const startedOrSay = async <T>(name: string, start: Promise<T>): Promise<T> =>
  start.catch((error: unknown) => {
    const lines = stack
      .logs()
      .split('\n')
      .filter((line) => line.startsWith(`[${name}-`));
    throw new Error(`${String(error)}\n${lines.join('\n')}`);
  });

interface Outcome {
  via: string;
  key: 'spend' | 'rate';
  startedAt: number;
  endedAt?: number;
  id?: string;
  cost?: number;
  status?: number;
  error?: string;
}

/** Between two deaths: long enough to see the stack back at its rate 5 s after each. */
const KILL_EVERY_MS = 6_500;
const RATE_LIMIT = 60;

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

it('serves on through the death of one replica of each service and of a NATS node, in turn, losing and double-counting nothing', async () => {
  const before = new Set(stack.pids().keys());
  const secondIngress = await startedOrSay('ingress', stack.startIngressReplica());
  const ingressReplica = [...stack.pids().keys()].find(
    (name) => !before.has(name) && name.startsWith('ingress'),
  )!;
  for (const name of ['router', 'worker-openai-compatible', 'metrics']) {
    await startedOrSay(name, stack.startReplica(name));
  }
  const spendKey = await createKey(stack, { name: 'cluster-spend', limit: 100 });
  const rateKey = await createKey(stack, { name: 'cluster-rate', rate_limit: { requests: RATE_LIMIT } });

  let entrances = [stack.baseUrl, secondIngress];
  const client = (via: string, key: string) =>
    new OpenAI({ baseURL: via, apiKey: key, maxRetries: 0, timeout: 30_000 });
  const clients = new Map(
    entrances.flatMap((via) => [
      [`${via} spend`, client(via, spendKey.key)],
      [`${via} rate`, client(via, rateKey.key)],
    ]),
  );
  const outcomes: Outcome[] = [];
  const ask = async (via: string, key: Outcome['key'], stream: boolean): Promise<void> => {
    const outcome: Outcome = { via, key, startedAt: Date.now() };
    outcomes.push(outcome);
    try {
      const completion = await clients.get(`${via} ${key}`)!.chat.completions.create({
        model: 'test/echo',
        stream,
        messages: [{ role: 'user', content: 'replica by replica' }],
      });
      if ('id' in completion) {
        outcome.id = completion.id;
        outcome.cost = (completion.usage as { cost?: number } | undefined)?.cost;
      } else {
        for await (const chunk of completion) {
          outcome.id = chunk.id;
          outcome.cost ??= (chunk.usage as { cost?: number } | null | undefined)?.cost;
        }
      }
      outcome.status = 200;
    } catch (error) {
      outcome.status = (error as { status?: number }).status;
      outcome.error = String(error);
    }
    outcome.endedAt = Date.now();
  };
  const kills: { what: string; at: number }[] = [];
  const start = Date.now();
  const until = start + 3_000 + 4 * KILL_EVERY_MS + 9_000;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const load = Promise.all([
    // Steady load on a key with a spend limit, streamed and whole, through both ingresses…
    ...Array.from({ length: 4 }, async (_, loop) => {
      for (let i = 0; Date.now() < until; i++) {
        await ask(entrances[(loop + i) % entrances.length], 'spend', i % 2 === 0);
        await pause(20);
      }
    }),
    // …and a key with a rate limit, asking more often than it allows.
    (async () => {
      for (let i = 0; Date.now() < until; i++) {
        await ask(entrances[i % entrances.length], 'rate', false);
        await pause(100);
      }
    })(),
  ]);
  const kill = (what: string, how: () => void) => {
    kills.push({ what, at: Date.now() });
    how();
  };
  const killService = (name: string) => process.kill(stack.pids().get(name)!, 'SIGKILL');
  await pause(3_000);
  kill('an ingress', () => killService(ingressReplica));
  // A load balancer stops sending to an ingress that is gone; so do these clients.
  entrances = [stack.baseUrl];
  for (const [what, name] of [
    ['a router', 'router'],
    ['a worker', 'worker-openai-compatible'],
    ['a metrics', 'metrics'],
  ]) {
    await pause(KILL_EVERY_MS);
    kill(what, () => killService(name));
  }
  await pause(KILL_EVERY_MS);
  // The leader of the events stream and of the limits' books: JetStream elects others while records
  // keep coming and limited keys keep asking.
  const leader = await oneLeaderForEventsAndLedger();
  kill('the events and ledger leader node', () => cluster.kill(Number(leader.replace('node-', ''))));
  // Services starting while the cluster elects new leaders wait for JetStream rather than fail.
  const lateIngress = startedOrSay('ingress', stack.startIngressReplica());
  const lateMetrics = startedOrSay('metrics', stack.startReplica('metrics'));
  await load;
  const late = await lateIngress;
  await lateMetrics;
  const lateAnswer = await client(late, spendKey.key).chat.completions.create({
    model: 'test/echo',
    messages: [{ role: 'user', content: 'after the election' }],
  });

  const ingressKilledAt = kills[0].at;
  const inFlightOnKilledIngress = (o: Outcome) => o.via === secondIngress && o.startedAt <= ingressKilledAt;
  const failed = outcomes.filter((o) => o.status !== 200 && !(o.key === 'rate' && o.status === 429));
  const longest = Math.max(...outcomes.map((o) => o.endedAt! - o.startedAt));
  // At its rate again within 5 s of each death: answers in the second after, against the 2 s before.
  const answered = outcomes.filter((o) => o.key === 'spend' && o.status === 200);
  const rate = (from: number, to: number) =>
    (answered.filter((o) => o.endedAt! >= from && o.endedAt! < to).length * 1000) / (to - from);
  const recovery = kills.map(({ what, at }) => ({
    what,
    atS: (at - start) / 1000,
    before: rate(at - 2_000, at),
    after5s: rate(at + 5_000, at + 6_000),
    bySecond: Array.from({ length: 8 }, (_, s) => rate(at + s * 1000, at + (s + 1) * 1000)),
  }));
  // Unexpected failures, by error, with when they began and ended (s from the start).
  const unexpected = new Map<string, { count: number; fromS: number; toS: number }>();
  for (const o of failed.filter((o) => !inFlightOnKilledIngress(o))) {
    const seen = unexpected.get(o.error!) ?? { count: 0, fromS: Infinity, toS: 0 };
    unexpected.set(o.error!, {
      count: seen.count + 1,
      fromS: Math.min(seen.fromS, (o.startedAt - start) / 1000),
      toS: Math.max(seen.toS, (o.endedAt! - start) / 1000),
    });
  }
  console.info(JSON.stringify({ requests: outcomes.length, failed: failed.length, longest, recovery }));
  // Every request not in flight on the killed ingress got a complete answer (or its key's 429)…
  expect([...unexpected]).toEqual([]);
  // …and none outlived its deadline.
  expect(longest).toBeLessThanOrEqual(REQUEST_TIMEOUT_MS + 1_000);
  const answeredIds = [...outcomes.filter((o) => o.status === 200).map((o) => o.id!), lateAnswer.id];
  const records = await recordsPerGeneration(stack, answeredIds, 60_000);
  for (const { before, after5s } of recovery) expect(after5s).toBeGreaterThanOrEqual(before * 0.6);

  // Every answer, the killed ingress's included, has exactly one record.
  expect(records).toHaveLength(answeredIds.length);
  expect(records.every((count) => count === 1)).toBe(true);

  // The spend the key is told of is what its answers cost, plus only requests cut off on the
  // killed ingress after their record was stored.
  const seenCost =
    answered.reduce((sum, o) => sum + o.cost!, 0) + (lateAnswer.usage as unknown as { cost: number }).cost;
  const pg = new Client({ connectionString: stack.databaseUrl });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ id: string; cost: string; created_at: Date; api_key_id: string }>(
      'SELECT id, total_cost AS cost, created_at, api_key_id FROM generations WHERE api_key_id = ANY($1)',
      [[spendKey.data.hash, rateKey.data.hash]],
    );
    const spendRecords = rows.filter((row) => row.api_key_id === spendKey.data.hash);
    const answeredSet = new Set(answeredIds);
    const cutOff = spendRecords.filter((row) => !answeredSet.has(row.id));
    expect(cutOff.length).toBeLessThanOrEqual(failed.filter(inFlightOnKilledIngress).length);
    const recordedCost = spendRecords.reduce((sum, row) => sum + Number(row.cost), 0);
    const cutOffCost = cutOff.reduce((sum, row) => sum + Number(row.cost), 0);
    expect(recordedCost).toBeCloseTo(seenCost + cutOffCost, 9);
    await eventually(
      "the key's usage, every record counted",
      async () => {
        const { body } = await callGateway(stack, 'GET', '/key', { key: spendKey.key });
        return Math.abs(body.data.usage - recordedCost) < 1e-9 ? body : undefined;
      },
      20_000,
    );

    // The rate limit held in every minute, across both ingresses and through every death.
    const perMinute = new Map<number, number>();
    for (const row of rows.filter((r) => r.api_key_id === rateKey.data.hash)) {
      const minute = Math.floor(row.created_at.getTime() / 60_000);
      perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
    }
    expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(RATE_LIMIT);
    expect(outcomes.some((o) => o.key === 'rate' && o.status === 429)).toBe(true);
  } finally {
    await pg.end();
  }
});
