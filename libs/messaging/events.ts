import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '../contracts';
import { encodeJson } from './bus';

const DUPLICATE_WINDOW_NS = 10 * 60 * 1e9;
const RETENTION_NS = 7 * 24 * 3600 * 1e9;

/** Creates the events stream if it is missing; safe to call from every service at every start. */
export async function ensureEventsStream(nc: NatsConnection, subjects: Subjects): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const config = {
    name: subjects.eventsStream,
    subjects: [subjects.eventsWildcard],
    duplicate_window: DUPLICATE_WINDOW_NS,
    max_age: RETENTION_NS,
  };
  try {
    await jsm.streams.info(config.name);
  } catch {
    try {
      await jsm.streams.add(config);
    } catch (error) {
      // Another service may have created it in between; only a stream that still is not there is an error.
      await jsm.streams.info(config.name).catch(() => Promise.reject(error));
    }
  }
}

/**
 * Publishes events to JetStream off the request path. Each event carries its id as `Nats-Msg-Id`,
 * so a retry after a lost ack is stored once. Failed publishes are retried with backoff until they
 * land; `flush()` waits for all of them (called on shutdown, so nothing is dropped).
 */
export class EventPublisher {
  private readonly js: JetStreamClient;
  private readonly pending = new Set<Promise<void>>();
  private closing = false;

  constructor(nc: NatsConnection) {
    this.js = jetstream(nc);
  }

  publish(subject: string, id: string, event: unknown): void {
    const task = this.publishWithRetry(subject, id, encodeJson(event)).finally(() =>
      this.pending.delete(task),
    );
    this.pending.add(task);
  }

  get inFlight(): number {
    return this.pending.size;
  }

  async flush(): Promise<void> {
    this.closing = true;
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async publishWithRetry(subject: string, id: string, data: Uint8Array): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.js.publish(subject, data, { msgID: id, timeout: 5000 });
        return;
      } catch (error) {
        if (this.closing && attempt >= 5) {
          console.error(`event ${id} could not be stored in JetStream: ${String(error)}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 5000)));
      }
    }
  }
}
