import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { GenerationEvent } from '../../../libs/contracts';
import { Bus, ensureEventsStream, whileJetStreamRecovers } from '../../../libs/messaging';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { ServiceMetrics } from '../../../libs/observability';
import { inSpan, linksTo, natsAttributes, SpanKind } from '../../../libs/telemetry';
import { readGenerationEvents } from './generation-event.schema';
import { GenerationRepository } from './generation.repository';

export const CONSUMER_NAME = 'metrics-generations';
/** Messages (each a batch of events) stored together; the repository splits them into INSERTs. */
const BATCH_SIZE = 200;
/** How long a batch waits to fill once its first message is in: small next to the ~1 s visibility promise. */
const BATCH_WINDOW_MS = 25;
const ACK_WAIT_NS = 30 * 1e9;
/** How long one pull request lives on the server; see `open`. */
const PULL_EXPIRES_MS = 4000;
const REOPEN_DELAY_MS = 1000;
const MAX_RETRY_DELAY_MS = 30_000;

const WINDOW_CLOSED = Symbol('window closed');

/**
 * Moves generation events from JetStream into Postgres through a durable pull consumer: a batch is
 * acked only after it is stored, so nothing published while metrics is down or failing is lost, and
 * the insert skips ids already stored, so a redelivered event is counted once.
 */
@Injectable()
export class GenerationIngestionService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(GenerationIngestionService.name);
  private messages?: ConsumerMessages;
  private running?: Promise<void>;
  private stopping = false;

  private readonly stored: Counter;

  constructor(
    private readonly bus: Bus,
    private readonly generations: GenerationRepository,
    @InjectDataSource() db: DataSource,
    metrics: ServiceMetrics,
  ) {
    this.stored = new Counter({
      name: 'switchyard_generations_stored_total',
      help: 'Generation records written to PostgreSQL.',
      registers: [metrics.registry],
    });
    const { subjects } = bus;
    // Read from JetStream at scrape; the consumer's own bookkeeping, nothing counted here.
    new Gauge({
      name: 'switchyard_event_consumer_messages',
      help: 'Generation event messages not yet stored: pending (not delivered) and ack_pending (in hand).',
      labelNames: ['state'],
      registers: [metrics.registry],
      async collect() {
        const info = await (
          await jetstreamManager(bus.nc)
        ).consumers.info(subjects.eventsStream, CONSUMER_NAME);
        this.set({ state: 'pending' }, info.num_pending);
        this.set({ state: 'ack_pending' }, info.num_ack_pending);
      },
    });
    metrics.addReadinessCheck({
      name: 'postgres',
      check: async () => (await db.query('SELECT 1')).length === 1,
    });
    metrics.addReadinessCheck({
      name: 'event consumer',
      check: () => this.messages !== undefined && !this.stopping,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.messages = await this.open();
    this.running = this.keepConsuming(this.messages);
  }

  /** Runs before the data source and the NATS connection close, so the last batch can still be stored and acked. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.messages?.close();
    await this.running;
  }

  private async open(): Promise<ConsumerMessages> {
    const { nc, subjects } = this.bus;
    await ensureEventsStream(nc, subjects);
    const jsm = await jetstreamManager(nc);
    // Creating a durable consumer with the config it already has is a no-op, so every start may do it.
    const consumer = await whileJetStreamRecovers(async () => {
      await jsm.consumers.add(subjects.eventsStream, {
        durable_name: CONSUMER_NAME,
        filter_subject: subjects.generationEvent,
        deliver_policy: DeliverPolicy.All,
        ack_policy: AckPolicy.Explicit,
        ack_wait: ACK_WAIT_NS,
        max_deliver: -1,
      });
      return jetstream(nc).consumers.get(subjects.eventsStream, CONSUMER_NAME);
    });
    // Without abort_on_missing_resource the client would wait forever for a stream or consumer that
    // JetStream lost; with it, the iterator fails and keepConsuming recreates both. A pull lives
    // PULL_EXPIRES_MS (heartbeats at half of it): after a NATS restart, which forgets the pulls it
    // had, the client notices the missing heartbeats and pulls again within seconds, not the
    // default 30 s.
    return consumer.consume({
      max_messages: 2 * BATCH_SIZE,
      abort_on_missing_resource: true,
      expires: PULL_EXPIRES_MS,
    });
  }

  private async keepConsuming(first: ConsumerMessages): Promise<void> {
    for (let messages: ConsumerMessages | undefined = first; messages; messages = await this.reopen()) {
      try {
        await this.consumeBatches(messages);
      } catch (error) {
        this.logger.error(`Consuming generation events failed: ${errorMessage(error)}`);
      }
    }
  }

  /** Retries until JetStream answers; returns nothing once shutdown has begun. */
  private async reopen(): Promise<ConsumerMessages | undefined> {
    while (!this.stopping) {
      await new Promise((resolve) => setTimeout(resolve, REOPEN_DELAY_MS));
      try {
        this.messages = await this.open();
        // A shutdown that began while this consumer was opening did not see it: close it here.
        if (this.stopping) void this.messages.close();
        return this.messages;
      } catch (error) {
        this.logger.error(`Reopening the generation event consumer failed: ${errorMessage(error)}`);
      }
    }
    return undefined;
  }

  /** Takes a batch as soon as a message arrives, fills it for up to BATCH_WINDOW_MS, stores it, repeats. */
  private async consumeBatches(messages: ConsumerMessages): Promise<void> {
    const iterator = messages[Symbol.asyncIterator]();
    // A read still waiting when the window closed; it belongs to the next batch.
    let pending: Promise<IteratorResult<JsMsg>> | undefined;
    for (;;) {
      const first = await (pending ?? iterator.next());
      pending = undefined;
      if (first.done) return;
      const batch = [first.value];
      let timer: NodeJS.Timeout | undefined;
      const windowClosed = new Promise<typeof WINDOW_CLOSED>((resolve) => {
        timer = setTimeout(() => resolve(WINDOW_CLOSED), BATCH_WINDOW_MS);
      });
      while (batch.length < BATCH_SIZE) {
        const read = iterator.next();
        const result = await Promise.race([read, windowClosed]);
        if (result === WINDOW_CLOSED || result.done) {
          pending = read;
          break;
        }
        batch.push(result.value);
      }
      clearTimeout(timer);
      await this.store(batch);
    }
  }

  private async store(batch: JsMsg[]): Promise<void> {
    const events: GenerationEvent[] = [];
    const accepted: JsMsg[] = [];
    for (const msg of batch) {
      const before = events.length;
      for (const parsed of readGenerationEvents(msg.data)) {
        if (parsed.ok) {
          events.push(parsed.event);
          continue;
        }
        // Redelivering it would fail the same way forever; drop it and keep the stream moving.
        this.logger.warn(
          `Dropped malformed generation event ${parsed.id ?? '(no id)'} at stream sequence ${msg.seq}: ${parsed.reason}`,
        );
      }
      if (events.length > before) accepted.push(msg);
      else msg.term();
    }
    if (events.length === 0) return;
    try {
      const traced = {
        kind: SpanKind.CONSUMER,
        attributes: {
          ...natsAttributes(this.bus.subjects.generationEvent, 'process'),
          'switchyard.generations': events.length,
        },
        links: linksTo(events.map((event) => event.traceparent)),
      };
      await inSpan('store generations', traced, () => this.generations.insertMany(events));
    } catch (error) {
      const delayMs = retryDelayMs(accepted);
      this.logger.error(
        `Storing ${events.length} generation event(s) failed, redelivery in ${delayMs} ms: ${errorMessage(error)}`,
      );
      for (const msg of accepted) msg.nak(delayMs);
      return;
    }
    for (const msg of accepted) msg.ack();
    this.stored.inc(events.length);
  }
}

/** Backs off as the batch keeps failing (1 s, 2 s, 4 s … 30 s), so an outage is not hammered. */
function retryDelayMs(batch: JsMsg[]): number {
  const deliveries = Math.max(...batch.map((msg) => msg.info.deliveryCount));
  return Math.min(1000 * 2 ** (deliveries - 1), MAX_RETRY_DELAY_MS);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
