import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { natsServers } from '../config/nats-servers';
import { freePort } from './free-port';

/** A NATS cluster of real `nats-server` processes on loopback, JetStream on each, for one test file. */
export interface NatsCluster {
  /** Every node's client URL, comma-separated, as NATS_URL takes them. */
  url: string;
  /** SIGKILLs node `index`: no goodbye to its peers or clients. */
  kill(index: number): void;
  stop(): Promise<void>;
}

const BINARY = process.env.NATS_SERVER_BIN ?? 'nats-server';

export async function startNatsCluster(size = 3, timeoutMs = 20_000): Promise<NatsCluster> {
  const ports = await Promise.all(
    Array.from({ length: size }, async () => [await freePort(), await freePort()]),
  );
  const store = mkdtempSync(join(tmpdir(), 'switchyard-nats-'));
  const routes = ports.map(([, route]) => `nats://127.0.0.1:${route}`).join(',');
  const nodes: ChildProcess[] = ports.map(([client, route], index) =>
    spawn(
      BINARY,
      [
        ...[
          '-a',
          '127.0.0.1',
          '-p',
          String(client),
          '-n',
          `node-${index}`,
          '-js',
          '-sd',
          join(store, String(index)),
        ],
        ...[
          '--cluster_name',
          'switchyard-test',
          '--cluster',
          `nats://127.0.0.1:${route}`,
          '--routes',
          routes,
        ],
      ],
      { stdio: 'ignore' },
    ),
  );
  const url = ports.map(([client]) => `nats://127.0.0.1:${client}`).join(',');
  const cluster: NatsCluster = {
    url,
    kill: (index) => nodes[index].kill('SIGKILL'),
    stop: async () => {
      await Promise.all(
        nodes.map(
          (node) =>
            new Promise<void>((resolve) => {
              if (node.exitCode !== null || node.signalCode !== null) return resolve();
              node.once('exit', () => resolve());
              node.kill('SIGTERM');
            }),
        ),
      );
      rmSync(store, { recursive: true, force: true });
    },
  };
  await untilJetStreamClustered(url, timeoutMs).catch(async (error: unknown) => {
    await cluster.stop();
    throw error;
  });
  return cluster;
}

/** JetStream answers once the nodes have met and elected a meta leader. */
async function untilJetStreamClustered(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const nc = await connect({ servers: natsServers(url), timeout: 1000, maxReconnectAttempts: 0 });
      try {
        await (await jetstreamManager(nc)).getAccountInfo();
        return;
      } finally {
        await nc.close();
      }
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`the NATS cluster did not form within ${timeoutMs} ms: ${String(error)}`, {
          cause: error,
        });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
