import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessGroup, STACK_SERVICES } from '../runtime/process-group';
import { freePort } from './free-port';
import { deleteStreams, dropDatabase, TEST_PG_SERVER as PG_SERVER } from './stack-cleanup';
import { TcpProxy } from './tcp-proxy';

export interface TestStackOptions {
  /** Catalog YAML; `{{SIMULATOR}}` stands for the simulator's base URL (http://127.0.0.1:PORT). */
  catalog?: string;
  /** Services not to start (e.g. metrics, to start it later). */
  without?: string[];
  /** Metrics reaches Postgres through a TCP hop the test can cut (`stack.postgres`). */
  postgresProxy?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface TestStack {
  baseUrl: string;
  /** A bootstrap key (SWITCHYARD_API_KEYS): no limit. */
  apiKey: string;
  /** The admin (management) key: the keys API. */
  adminKey: string;
  simulatorUrl: string;
  namespace: string;
  /** The stack's own database, for a test that counts rows. */
  databaseUrl: string;
  logs(): string;
  pids(): Map<string, number>;
  startService(name: string): Promise<void>;
  stopService(name: string): Promise<void>;
  /** The hop between metrics and Postgres, with `postgresProxy`. */
  postgres?: TcpProxy;
  /** Starts one more ingress (named `ingress-<n>`) on a port of its own; resolves to its base URL. */
  startIngressReplica(): Promise<string>;
  /** Where a service started with the stack (router, workers, metrics) serves /metrics and /health/*. */
  metricsUrl(service: string): string;
  /** Starts one more replica of a service (named `<service>-<n>`); resolves to its name. */
  startReplica(service: string): Promise<string>;
  stop(): Promise<void>;
}

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/**
 * The real stack as processes, isolated for one test file: its own NATS namespace (subjects and
 * JetStream stream), its own database, its own ports. Needs `npm run build` first.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const id = randomBytes(4).toString('hex');
  const namespace = `t${id}`;
  const database = `switchyard_test_${id}`;
  const [port, simulatorPort] = await Promise.all([freePort(), freePort()]);
  const pgServer = new URL(PG_SERVER);
  const postgres = options.postgresProxy
    ? await TcpProxy.start({ host: pgServer.hostname, port: Number(pgServer.port || 5432) })
    : undefined;
  // Metrics alone goes through the hop; the test's own set-up and clean-up reach Postgres directly.
  const metricsPg = new URL(PG_SERVER);
  if (postgres) metricsPg.port = String(postgres.port);
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  const apiKey = `sy-test-${id}`;
  const adminKey = `sy-admin-test-${id}`;
  const env: NodeJS.ProcessEnv = {
    ...withoutTestRunnerOptions(process.env),
    NATS_URL,
    DATABASE_URL: `${metricsPg.toString().replace(/\/$/, '')}/${database}`,
    SWITCHYARD_NAMESPACE: namespace,
    SWITCHYARD_API_KEYS: apiKey,
    SWITCHYARD_ADMIN_KEY: adminKey,
    SWITCHYARD_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    PORT: String(port),
    HOST: '127.0.0.1',
    SIMULATOR_PORT: String(simulatorPort),
    SIMULATOR_URL: simulatorUrl,
    // Replicas and services started later take any free port (see metricsUrl for the others).
    METRICS_PORT: '0',
    ...options.env,
  };
  if (options.catalog) {
    const file = join(tmpdir(), `switchyard-catalog-${id}.yaml`);
    writeFileSync(file, options.catalog.replaceAll('{{SIMULATOR}}', simulatorUrl));
    env.SWITCHYARD_CATALOG = file;
  }
  const lines: string[] = [];
  const group = new ProcessGroup({ env, log: (name, line) => lines.push(`[${name}] ${line}`) });
  const service = (name: string) => {
    const found = STACK_SERVICES.find((s) => s.name === name);
    if (!found) throw new Error(`unknown service ${name}`);
    return found;
  };
  let replicas = 1;
  const metricsPorts = new Map<string, number>();
  const startReplica = async (name: string, extraEnv: NodeJS.ProcessEnv = {}) => {
    const replica = `${name}-${++replicas}`;
    await group.start({ ...service(name), name: replica }, extraEnv);
    return replica;
  };
  const stack: TestStack = {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    apiKey,
    adminKey,
    postgres,
    simulatorUrl,
    namespace,
    databaseUrl: `${PG_SERVER}/${database}`,
    logs: () => lines.join('\n'),
    pids: () => group.pids(),
    startService: (name) => group.start(service(name)),
    stopService: (name) => group.stop(name),
    startIngressReplica: async () => {
      const replicaPort = await freePort();
      await startReplica('ingress', { PORT: String(replicaPort) });
      return `http://127.0.0.1:${replicaPort}/api/v1`;
    },
    startReplica: (name) => startReplica(name),
    metricsUrl: (name) => {
      const metricsPort = metricsPorts.get(name);
      if (metricsPort === undefined) throw new Error(`${name} has no known metrics port`);
      return `http://127.0.0.1:${metricsPort}`;
    },
    stop: async () => {
      // Postgres back first, so metrics can store what it holds as it stops.
      await postgres?.restore();
      await group.stopAll();
      await postgres?.cut();
      await Promise.all([deleteStreams(namespace, env.NATS_URL!), dropDatabase(database)]);
    },
  };
  try {
    for (const s of STACK_SERVICES) {
      if (options.without?.includes(s.name)) continue;
      const metricsPort = await freePort();
      metricsPorts.set(s.name, metricsPort);
      await group.start(s, { METRICS_PORT: String(metricsPort) });
    }
  } catch (error) {
    await stack.stop();
    throw new Error(`${(error as Error).message}\n${stack.logs()}`, { cause: error });
  }
  return stack;
}

/** Jest's NODE_OPTIONS are for Jest, not for the services it starts. */
function withoutTestRunnerOptions(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _ignored, JEST_WORKER_ID: _worker, ...rest } = env;
  return rest;
}
