import { jetstream, jetstreamManager, type ConsumerInfo } from '@nats-io/jetstream';
import type { INestApplicationContext } from '@nestjs/common';
import type { Client } from 'pg';
import { Bus, encodeJson, EventPublisher } from '../../libs/messaging';
import { eventually } from '../../libs/testing/eventually';
import { CONSUMER_NAME } from './generations/generation-ingestion.service';
import { metricsHarness, type MetricsHarness } from './testing/metrics-harness';
import type { GenerationLookupReply } from './generations/generation-lookup.handler';
import { sampleGenerationEvent } from './generations/sample-generation-event';

let app: INestApplicationContext | undefined;
let harness: MetricsHarness;
let bus: Bus;
let db: Client;

/** As the admin key asks (owner null: any key's generation); a key asks with its own hash. */
function lookup(id: unknown, owner: string | null = null): Promise<GenerationLookupReply> {
  return bus.request<GenerationLookupReply>(bus.subjects.generationLookup, { id, owner }, 2000);
}

async function waitForLookup(id: string, timeoutMs?: number) {
  return eventually(
    `generation ${id}`,
    async () => {
      const reply = await lookup(id);
      return reply.ok ? reply.data : undefined;
    },
    timeoutMs,
  );
}

async function rowsWithIds(ids: string[]): Promise<number> {
  const result = await db.query<{ count: number }>(
    'SELECT count(*)::int AS count FROM generations WHERE id = ANY($1)',
    [ids],
  );
  return result.rows[0].count;
}

async function consumerInfo(): Promise<ConsumerInfo> {
  const jsm = await jetstreamManager(bus.nc);
  return jsm.consumers.info(bus.subjects.eventsStream, CONSUMER_NAME);
}

/** Every message the consumer was given has been acked or terminated. */
async function waitUntilConsumed(): Promise<ConsumerInfo> {
  return eventually('the consumer to settle', async () => {
    const info = await consumerInfo();
    return info.num_pending === 0 && info.num_ack_pending === 0 ? info : undefined;
  });
}

beforeAll(async () => {
  harness = await metricsHarness('mt');
  ({ bus, db } = harness);
  app = await harness.startMetrics();
});

afterAll(async () => {
  await app?.close();
  await harness?.tearDown();
});

describe('metrics', () => {
  it('stores a published event and answers its lookup in OpenRouter’s shape within a second', async () => {
    const event = sampleGenerationEvent();
    const publisher = new EventPublisher(bus.nc);
    const publishedAt = Date.now();
    publisher.publish(bus.subjects.generationEvent, event);

    const data = await waitForLookup(event.id, 1000);

    expect(Date.now() - publishedAt).toBeLessThan(1000);
    expect(data).toMatchObject({
      id: event.id,
      upstream_id: 'chatcmpl-abc123',
      total_cost: 0.0000225,
      usage: 0.0000225,
      created_at: '2026-11-25T10:00:00.000Z',
      model: 'openai/gpt-4o-mini',
      provider_name: 'OpenAI',
      streamed: true,
      latency: 180,
      generation_time: 950,
      finish_reason: 'stop',
      native_tokens_prompt: 12,
      native_tokens_completion: 34,
      native_tokens_reasoning: 5,
      native_tokens_cached: 3,
      provider_responses: [
        {
          provider_name: 'Azure',
          model: 'openai/gpt-4o-mini',
          status: 429,
          latency: 40,
          error: 'Rate limit exceeded',
        },
        { provider_name: 'OpenAI', model: 'openai/gpt-4o-mini', status: 200, latency: 140 },
      ],
      status: 'success',
      error: null,
      user: 'user-42',
      session_id: 'session-7',
    });
    await publisher.flush();
  });

  it('stores an event once, however often it is published and delivered', async () => {
    const event = sampleGenerationEvent();
    const before = await consumerInfo();
    const js = jetstream(bus.nc);
    // A batch sent again under its id (a retry after a lost ack): JetStream keeps one message.
    await js.publish(bus.subjects.generationEvent, encodeJson([event]), { msgID: `${event.id}-batch` });
    await js.publish(bus.subjects.generationEvent, encodeJson([event]), { msgID: `${event.id}-batch` });
    // The same event in another batch, twice (as after a publisher restart outside the duplicate window).
    await js.publish(bus.subjects.generationEvent, encodeJson([event, event]), {
      msgID: `${event.id}-again`,
    });

    const after = await waitUntilConsumed();

    expect(after.delivered.stream_seq - before.delivered.stream_seq).toBe(2);
    expect(await rowsWithIds([event.id])).toBe(1);
  });

  it('publishes the events of a moment as one message', async () => {
    const events = Array.from({ length: 5 }, () => sampleGenerationEvent());
    const before = await consumerInfo();
    const publisher = new EventPublisher(bus.nc);
    for (const event of events) publisher.publish(bus.subjects.generationEvent, event);
    await publisher.flush();

    const after = await waitUntilConsumed();

    expect(after.delivered.stream_seq - before.delivered.stream_seq).toBe(1);
    expect(await rowsWithIds(events.map((event) => event.id))).toBe(5);
  });

  it('splits a moment whose events are large into messages that fit NATS, and stores them all', async () => {
    const events = Array.from({ length: 5 }, () =>
      sampleGenerationEvent({ status: 'error', errorMessage: 'x'.repeat(100_000) }),
    );
    const before = await consumerInfo();
    const publisher = new EventPublisher(bus.nc);
    for (const event of events) publisher.publish(bus.subjects.generationEvent, event);
    await publisher.flush();

    const after = await waitUntilConsumed();

    expect(after.delivered.stream_seq - before.delivered.stream_seq).toBe(3);
    expect(await rowsWithIds(events.map((event) => event.id))).toBe(5);
  });

  it('keeps an event the database refused and stores it when the database is back', async () => {
    const event = sampleGenerationEvent();
    const before = await consumerInfo();
    await db.query('ALTER TABLE generations RENAME TO generations_away');
    try {
      await jetstream(bus.nc).publish(bus.subjects.generationEvent, encodeJson(event), { msgID: event.id });
      // A second delivery proves the first one was not acked.
      await eventually('the event to be redelivered', async () => {
        const info = await consumerInfo();
        return info.delivered.consumer_seq - before.delivered.consumer_seq >= 2 ? info : undefined;
      });
    } finally {
      await db.query('ALTER TABLE generations_away RENAME TO generations');
    }

    await waitForLookup(event.id);
    await waitUntilConsumed();
    expect(await rowsWithIds([event.id])).toBe(1);
  });

  it('drops malformed events without holding up the ones behind them', async () => {
    const js = jetstream(bus.nc);
    await js.publish(bus.subjects.generationEvent, new TextEncoder().encode('{"id": "gen-broken'));
    await js.publish(bus.subjects.generationEvent, encodeJson({ model: 'openai/gpt-4o-mini' }));
    // A batch with one bad event: the good one beside it is still stored.
    const neighbour = sampleGenerationEvent();
    await js.publish(bus.subjects.generationEvent, encodeJson([{ id: 'gen-bad' }, neighbour]));
    const event = sampleGenerationEvent();
    await js.publish(bus.subjects.generationEvent, encodeJson(event), { msgID: event.id });

    await waitForLookup(event.id);
    await waitUntilConsumed();
    expect(await rowsWithIds([neighbour.id, 'gen-bad'])).toBe(1);
  });

  it('stores every event published while it was not running, once it starts', async () => {
    await app?.close();
    app = undefined;
    const events = Array.from({ length: 20 }, () => sampleGenerationEvent());
    const publisher = new EventPublisher(bus.nc);
    for (const event of events) publisher.publish(bus.subjects.generationEvent, event);
    await publisher.flush();
    const ids = events.map((event) => event.id);
    expect(await rowsWithIds(ids)).toBe(0);

    app = await harness.startMetrics();

    await eventually('all 20 events', async () => ((await rowsWithIds(ids)) === 20 ? true : undefined));
    await waitUntilConsumed();
  });

  it('answers 404 for an id it has not stored', async () => {
    expect(await lookup('gen-unknown')).toEqual({
      ok: false,
      error: {
        code: 404,
        message: 'Generation gen-unknown not found. Records appear about a second after the answer ends.',
      },
      retryable: false,
    });
  });

  it("shows a key its own generation, and another key's as if it did not exist", async () => {
    const event = sampleGenerationEvent({ apiKeyId: 'a'.repeat(64) });
    new EventPublisher(bus.nc).publish(bus.subjects.generationEvent, event);
    await waitForLookup(event.id);
    expect(await lookup(event.id, 'a'.repeat(64))).toMatchObject({ ok: true, data: { id: event.id } });
    expect(await lookup(event.id, 'b'.repeat(64))).toMatchObject({ ok: false, error: { code: 404 } });
  });

  it('answers 400 for a lookup without an id', async () => {
    expect(await lookup(undefined)).toMatchObject({ ok: false, error: { code: 400 }, retryable: false });
  });
});
