import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { Bus } from '../../../libs/messaging';
import { MetricsModule } from '../metrics.module';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const SERVER_URL = 'postgres://postgres@127.0.0.1:5432';

export interface MetricsHarness {
  bus: Bus;
  /** A connection to the test's own database. */
  db: Client;
  /** Starts the metrics service in this process, against the test's namespace and database. */
  startMetrics(): Promise<INestApplicationContext>;
  /** Drops the stream and the database. */
  tearDown(): Promise<void>;
}

/**
 * Metrics against real NATS and Postgres, with its own database and NATS namespace, so test files
 * and parallel runs never see each other's data. The database is created by the first start.
 */
export async function metricsHarness(prefix: string): Promise<MetricsHarness> {
  const suffix = randomBytes(5).toString('hex');
  const namespace = `${prefix}${suffix}`;
  const database = `switchyard_metrics_test_${suffix}`;
  process.env.NATS_URL = NATS_URL;
  process.env.SWITCHYARD_NAMESPACE = namespace;
  process.env.DATABASE_URL = `${SERVER_URL}/${database}`;
  // Any free port: several harnesses run at once.
  process.env.METRICS_PORT = '0';
  const bus = await Bus.connect({ url: NATS_URL, namespace, name: `${prefix}-test` });
  const startMetrics = () =>
    NestFactory.createApplicationContext(MetricsModule, { logger: ['error', 'warn'] });
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  let connected = false;
  return {
    bus,
    db,
    startMetrics: async () => {
      const app = await startMetrics();
      if (!connected) await db.connect();
      connected = true;
      return app;
    },
    tearDown: async () => {
      if (connected) await db.end();
      const jsm = await jetstreamManager(bus.nc);
      await jsm.streams.delete(bus.subjects.eventsStream).catch(() => false);
      await bus.drain();
      const admin = new Client({ connectionString: `${SERVER_URL}/postgres` });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
