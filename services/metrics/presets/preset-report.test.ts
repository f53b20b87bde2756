import { jetstream } from '@nats-io/jetstream';
import type { INestApplicationContext } from '@nestjs/common';
import type { Client } from 'pg';
import type { GenerationEvent } from '../../../libs/contracts';
import { Bus, encodeJson, EventPublisher } from '../../../libs/messaging';
import { metricsHarness, type MetricsHarness } from '../testing/metrics-harness';
import type { GenerationLookupReply } from '../generations/generation-lookup.handler';
import { sampleGenerationEvent } from '../generations/sample-generation-event';
import type { PresetReportReply } from './preset-report.handler';

let app: INestApplicationContext;
let harness: MetricsHarness;
let bus: Bus;
let db: Client;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** As the admin key asks (every key's generations), unless the request names an owner. */
function report(request: Record<string, unknown>): Promise<PresetReportReply> {
  return bus.request<PresetReportReply>(bus.subjects.presetReport, { owner: null, ...request }, 2000);
}

async function waitForLookup(id: string): Promise<GenerationLookupReply> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const reply = await bus.request<GenerationLookupReply>(
      bus.subjects.generationLookup,
      { id, owner: null },
      2000,
    );
    if (reply.ok || Date.now() > deadline) return reply;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Publishes the events and waits until metrics has stored every one of them. */
async function store(events: GenerationEvent[]): Promise<void> {
  const publisher = new EventPublisher(bus.nc);
  for (const event of events) publisher.publish(bus.subjects.generationEvent, event);
  await publisher.flush();
  for (const event of events) expect(await waitForLookup(event.id)).toMatchObject({ ok: true });
}

beforeAll(async () => {
  harness = await metricsHarness('pr');
  ({ bus, db } = harness);
  app = await harness.startMetrics();
});

afterAll(async () => {
  await app?.close();
  await harness?.tearDown();
});

describe('the preset migrations', () => {
  it('add nullable preset and variant columns with an index for reports', async () => {
    const columns = await db.query(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_name = 'generations' AND column_name IN ('preset', 'variant') ORDER BY column_name`,
    );
    expect(columns.rows).toEqual([
      { column_name: 'preset', data_type: 'text', is_nullable: 'YES' },
      { column_name: 'variant', data_type: 'text', is_nullable: 'YES' },
    ]);
    const index = await db.query(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'generations_preset_variant_created_at_idx'",
    );
    expect(index.rows[0].indexdef).toContain('(preset, variant, created_at)');
  });

  it('create the per-minute rollup table keyed by minute, model, provider, preset and variant', async () => {
    const index = await db.query(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'generation_rollups_key_idx'",
    );
    expect(index.rows[0].indexdef).toContain(
      'UNIQUE INDEX generation_rollups_key_idx ON public.generation_rollups USING btree (minute, model, provider_id, preset, variant) NULLS NOT DISTINCT',
    );
  });
});

describe('storing preset generations', () => {
  it('keeps the preset and variant and returns them with the generation', async () => {
    const event = sampleGenerationEvent({ preset: 'support-bot', variant: 'cheap' });
    await store([event]);
    expect(await waitForLookup(event.id)).toMatchObject({
      ok: true,
      data: { id: event.id, preset: 'support-bot', variant: 'cheap' },
    });
  });

  it('counts a generation once in its minute’s rollup, however often it is delivered', async () => {
    const model = `test/rollup-${bus.subjects.namespace}`;
    const first = sampleGenerationEvent({ model, createdAt: '2026-11-25T10:00:05.000Z' });
    const second = sampleGenerationEvent({
      model,
      createdAt: '2026-11-25T10:00:55.000Z',
      status: 'error',
      latencyMs: null,
      totalCost: 0,
      tokensPrompt: 0,
      tokensCompletion: 0,
      tokensReasoning: 0,
      tokensCached: 0,
      generationTimeMs: 50,
    });
    await store([first, second]);
    // The same events again under new message ids, as after a publisher restart: JetStream keeps both.
    const js = jetstream(bus.nc);
    for (const event of [first, second]) {
      await js.publish(bus.subjects.generationEvent, encodeJson(event), { msgID: `${event.id}-again` });
    }
    const marker = sampleGenerationEvent({ model, createdAt: '2026-11-25T10:01:00.000Z' });
    await store([marker]);

    const rollups = await db.query(
      `SELECT minute, requests, errors, tokens_prompt::int, tokens_completion::int, tokens_reasoning::int,
              tokens_cached::int, total_cost::float8, latency_ms_sum::int, latency_count,
              generation_time_ms_sum::int
         FROM generation_rollups WHERE model = $1 ORDER BY minute`,
      [model],
    );
    expect(rollups.rows).toEqual([
      {
        minute: new Date('2026-11-25T10:00:00.000Z'),
        requests: 2,
        errors: 1,
        tokens_prompt: 12,
        tokens_completion: 34,
        tokens_reasoning: 5,
        tokens_cached: 3,
        total_cost: 0.0000225,
        latency_ms_sum: 180,
        latency_count: 1,
        generation_time_ms_sum: 1000,
      },
      expect.objectContaining({ minute: new Date('2026-11-25T10:01:00.000Z'), requests: 1 }),
    ]);
  });
});

describe('the preset report', () => {
  const armEvent = (variant: string, overrides: Partial<GenerationEvent>) =>
    sampleGenerationEvent({
      preset: 'ab-report',
      variant,
      createdAt: minutesAgo(5),
      tokensPrompt: 10,
      tokensCompletion: 20,
      totalCost: 0.001,
      ...overrides,
    });

  beforeAll(async () => {
    await store([
      armEvent('a', { latencyMs: 100, generationTimeMs: 1000 }),
      armEvent('a', { latencyMs: 200, generationTimeMs: 2000 }),
      armEvent('a', { latencyMs: 300, generationTimeMs: 3000 }),
      armEvent('a', { latencyMs: 400, generationTimeMs: 4000 }),
      // Outside a 1h window, inside the default 24h one.
      armEvent('a', { latencyMs: 100, generationTimeMs: 100, createdAt: minutesAgo(120) }),
      armEvent('b', {
        latencyMs: 50,
        generationTimeMs: 500,
        totalCost: 0.002,
        tokensPrompt: 5,
        tokensCompletion: 7,
      }),
      armEvent('b', {
        status: 'error',
        latencyMs: null,
        generationTimeMs: 100,
        totalCost: 0,
        tokensPrompt: 0,
        tokensCompletion: 0,
      }),
      sampleGenerationEvent({ preset: 'another-preset', variant: 'a', createdAt: minutesAgo(5) }),
      sampleGenerationEvent({ createdAt: minutesAgo(5) }),
    ]);
  });

  it('compares the variants over the window, with percentiles and cost per request', async () => {
    expect(await report({ preset: 'ab-report', window: '1h' })).toEqual({
      ok: true,
      data: {
        preset: 'ab-report',
        window: '1h',
        variants: [
          {
            variant: 'a',
            requests: 4,
            errors: 0,
            error_rate: 0,
            latency_p50_ms: 250,
            latency_p95_ms: 385,
            ttft_p50_ms: 250,
            generation_time_p50_ms: 2500,
            total_cost: 0.004,
            cost_per_request: 0.001,
            tokens_prompt: 40,
            tokens_completion: 80,
          },
          {
            variant: 'b',
            requests: 2,
            errors: 1,
            error_rate: 0.5,
            // The failed request never sent a byte: percentiles are over those that did.
            latency_p50_ms: 50,
            latency_p95_ms: 50,
            ttft_p50_ms: 50,
            generation_time_p50_ms: 300,
            total_cost: 0.002,
            cost_per_request: 0.001,
            tokens_prompt: 5,
            tokens_completion: 7,
          },
        ],
      },
    });
  });

  it('covers the last 24 hours when no window is given', async () => {
    const reply = await report({ preset: 'ab-report' });
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.data.window).toBe('24h');
    expect(reply.data.variants.map(({ variant, requests }) => ({ variant, requests }))).toEqual([
      { variant: 'a', requests: 5 },
      { variant: 'b', requests: 2 },
    ]);
  });

  it("counts only the asking key's generations", async () => {
    const reply = await report({ preset: 'ab-report', window: '1h', owner: 'someone-else' });
    expect(reply).toMatchObject({ ok: true, data: { variants: [] } });
    const own = await report({ preset: 'ab-report', window: '1h', owner: 'key-1' });
    expect(own.ok && own.data.variants.map((v) => v.requests)).toEqual([4, 2]);
  });

  it('answers a preset without traffic with no variants', async () => {
    expect(await report({ preset: 'never-used', window: '15m' })).toEqual({
      ok: true,
      data: { preset: 'never-used', window: '15m', variants: [] },
    });
  });

  it.each([
    [{ preset: 'ab-report', window: '1 hour' }, 'Invalid request: window: must be a whole number and a unit'],
    [{ preset: 'ab-report', window: '400d' }, 'Invalid request: window: must be at most 366d'],
    [{ window: '1h' }, 'A preset report needs { "preset": "<slug>", "window"?: "24h"'],
  ])('refuses %j with a 400 that names the problem', async (request, message) => {
    const reply = await report(request);
    expect(reply).toMatchObject({ ok: false, error: { code: 400 }, retryable: false });
    if (reply.ok) return;
    expect(reply.error.message).toContain(message);
  });
});
