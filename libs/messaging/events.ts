import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { nuid, type NatsConnection } from '@nats-io/transport-node';
import type { Subjects } from '../contracts';
import { connectNats } from './bus';
import { jetstreamReplicas } from './jetstream-replicas';
import { whileJetStreamRecovers } from './while-jetstream-recovers';

const DUPLICATE_WINDOW_NS = 10 * 60 * 1e9;
const RETENTION_NS = 7 * 24 * 3600 * 1e9;

/**
 * Creates the events stream if it is missing, with SWITCHYARD_JETSTREAM_REPLICAS copies, and brings
 * an existing one to that count; safe to call from every service at every start.
 */
export function ensureEventsStream(nc: NatsConnection, subjects: Subjects): Promise<void> {
  return whileJetStreamRecovers(() => ensureStream(nc, subjects));
}

async function ensureStream(nc: NatsConnection, subjects: Subjects): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const replicas = jetstreamReplicas();
  const config = {
    name: subjects.eventsStream,
    subjects: [subjects.eventsWildcard],
    duplicate_window: DUPLICATE_WINDOW_NS,
    max_age: RETENTION_NS,
    num_replicas: replicas,
  };
  const existing = await jsm.streams.info(config.name).then(
    (info) => info.config,
    () => undefined,
  );
  if (existing) {
    if (existing.num_replicas !== replicas) {
      await jsm.streams.update(config.name, { ...existing, num_replicas: replicas });
    }
    return;
  }
  try {
    await jsm.streams.add(config);
  } catch (error) {
    // Another service may have created it in between; only a stream that still is not there is an error.
    await jsm.streams.info(config.name).catch(() => Promise.reject(error));
  }
}

/** A batch leaves when it holds this many events… */
const BATCH_MAX_EVENTS = 100;
/** …or this many bytes (far below NATS's 1 MiB default max_payload, and never above the server's). */
const BATCH_MAX_BYTES = 256 * 1024;

interface OpenBatch {
  /** Each event's JSON, encoded once, joined into an array when the batch leaves. */
  events: string[];
  bytes: number;
  /** Settles when the batch is stored (true) or given up at shutdown (false). */
  stored: Promise<boolean>;
  settle: (stored: boolean) => void;
}

/** One subject's batches: the one filling, and how many are on their way to JetStream. */
interface Lane {
  open: OpenBatch | null;
  sending: number;
  scheduled: boolean;
}

const encoder = new TextEncoder();

/**
 * Publishes events to JetStream by group commit: an event joins the subject's open batch, which
 * leaves at once when no batch of the subject is on its way, and otherwise as soon as the one on
 * its way is stored. Alone, an event is stored in one JetStream round trip (so a caller can afford
 * to wait for it before it answers); under load, the events that end while one batch is stored
 * share the next stored message, which is most of what recording costs NATS and metrics. Each
 * batch carries its own id as `Nats-Msg-Id`, so a retry after a lost ack is stored once. Failed
 * publishes are retried with backoff until they land; `flush()` sends the open batches and waits
 * for all of them (called on shutdown, so nothing is dropped).
 *
 * With `lingerMs`, for callers that do not wait for their events, a batch instead leaves that long
 * after its first event: fewer, larger messages, at the price of that much time in memory.
 */
export class EventPublisher {
  private readonly js: JetStreamClient;
  private readonly lanes = new Map<string, Lane>();
  private readonly pending = new Set<Promise<void>>();
  /** When each batch on its way left, oldest first. */
  private readonly sentAt = new Map<Promise<void>, number>();
  private closing = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly lingerMs = 0,
  ) {
    this.js = jetstream(nc);
  }

  /**
   * A publisher on a connection of its own: the batches and their acks never queue in the same
   * socket buffers as the jobs and frames of the requests in flight.
   */
  static async connect(url: string, name: string, lingerMs = 0): Promise<EventPublisher> {
    return new EventPublisher(await connectNats(url, name), lingerMs);
  }

  /** Flushes, then closes the connection (only one of its own: see `connect`). */
  async close(): Promise<void> {
    await this.flush();
    await this.nc.drain();
  }

  /** Resolves true once the event is stored in JetStream (false: given up at shutdown). */
  publish(subject: string, event: unknown): Promise<boolean> {
    const json = JSON.stringify(event);
    const bytes = Buffer.byteLength(json);
    const maxBytes = Math.min(BATCH_MAX_BYTES, this.nc.info?.max_payload ?? BATCH_MAX_BYTES);
    const lane = this.laneOf(subject);
    if (lane.open && lane.open.bytes + bytes > maxBytes) this.send(subject, lane);
    const batch = (lane.open ??= openBatch());
    batch.events.push(json);
    batch.bytes += bytes + 1;
    if (batch.events.length >= BATCH_MAX_EVENTS || batch.bytes >= maxBytes) this.send(subject, lane);
    else if (!lane.scheduled && (this.lingerMs > 0 || lane.sending === 0)) {
      // The events that end in this turn of the event loop (or within the linger) leave together.
      lane.scheduled = true;
      const leave = () => {
        lane.scheduled = false;
        if (this.lingerMs > 0 || lane.sending === 0) this.send(subject, lane);
      };
      if (this.lingerMs > 0) setTimeout(leave, this.lingerMs);
      else setImmediate(leave);
    }
    return batch.stored;
  }

  /** Batches on their way to JetStream (retrying ones included). */
  get inFlight(): number {
    return this.pending.size;
  }

  /** How long the oldest batch on its way has waited for JetStream (0: none is waiting). */
  stalledFor(now = performance.now()): number {
    for (const sentAt of this.sentAt.values()) return now - sentAt;
    return 0;
  }

  async flush(): Promise<void> {
    this.closing = true;
    for (const [subject, lane] of this.lanes) this.send(subject, lane);
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private laneOf(subject: string): Lane {
    let lane = this.lanes.get(subject);
    if (!lane) {
      lane = { open: null, sending: 0, scheduled: false };
      this.lanes.set(subject, lane);
    }
    return lane;
  }

  private send(subject: string, lane: Lane): void {
    const batch = lane.open;
    if (!batch) return;
    lane.open = null;
    const data = encoder.encode(`[${batch.events.join(',')}]`);
    const limit = this.nc.info?.max_payload ?? Infinity;
    if (data.length > limit) {
      // Only a single event larger than the server accepts gets here: it can never be stored.
      console.error(`an event of ${data.length} bytes exceeds NATS max_payload (${limit}); not recorded`);
      batch.settle(false);
      return;
    }
    lane.sending++;
    const task = this.publishWithRetry(subject, nuid.next(), data)
      .then(batch.settle)
      .finally(() => {
        this.pending.delete(task);
        this.sentAt.delete(task);
        lane.sending--;
        if (lane.sending === 0 && this.lingerMs === 0) this.send(subject, lane);
      });
    this.pending.add(task);
    this.sentAt.set(task, performance.now());
  }

  private async publishWithRetry(subject: string, id: string, data: Uint8Array): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.js.publish(subject, data, { msgID: id, timeout: 5000 });
        return true;
      } catch (error) {
        if (this.closing && attempt >= 5) {
          console.error(`event batch ${id} could not be stored in JetStream: ${String(error)}`);
          return false;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 5000)));
      }
    }
  }
}

function openBatch(): OpenBatch {
  let settle!: (stored: boolean) => void;
  const stored = new Promise<boolean>((resolve) => (settle = resolve));
  return { events: [], bytes: 2, stored, settle };
}
