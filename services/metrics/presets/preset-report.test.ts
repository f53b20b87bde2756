import { jetstream } from '@nats-io/jetstream';
import type { INestApplicationContext } from '@nestjs/common';
import type { Client } from 'pg';
import type { GenerationEvent } from '../../../libs/contracts';
import { Bus, encodeJson, EventPublisher } from '../../../libs/messaging';
import { metricsHarness, type MetricsHarness } from '../testing/metrics-harness';
import type { GenerationLookupReply } from '../generations/generation-lookup.handler';
import { GenerationRepository } from '../generations/generation.repository';
import { sampleGenerationEvent } from '../generations/sample-generation-event';
import { compareArms, type ArmComparison } from './arm-comparisons';
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
    const reply = await report({ preset: 'ab-report', window: '1h' });
    expect(reply).toEqual({
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
        comparisons: expect.any(Array),
        comparison_sample: { max_rows_per_arm: 10_000, limited_arms: [] },
      },
    });
    // Four requests against two: every metric compared, none tested yet.
    const comparisons = reply.ok ? reply.data.comparisons : [];
    expect(comparisons.map(({ metric, variant, p_value }) => [metric, variant, p_value])).toEqual([
      ['ttft_p50_ms', 'b', null],
      ['latency_p95_ms', 'b', null],
      ['generation_time_p50_ms', 'b', null],
      ['error_rate', 'b', null],
      ['cost_per_request', 'b', null],
      ['tokens_per_request', 'b', null],
    ]);
    expect(comparisons[0]).toEqual({
      metric: 'ttft_p50_ms',
      test: 'Mann-Whitney U',
      baseline: 'a',
      variant: 'b',
      n: [4, 1],
      baseline_value: 250,
      variant_value: 50,
      difference: null,
      effect: null,
      statistic: null,
      p_value: null,
      significant: null,
      verdict: 'not enough data yet (n = 1 b / 4 a; at least 30 per arm)',
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
      data: {
        preset: 'never-used',
        window: '15m',
        variants: [],
        comparisons: [],
        comparison_sample: { max_rows_per_arm: 10_000, limited_arms: [] },
      },
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

/*
 * Seeded A/B data with a known answer. The p-values are scipy 1.17's on the same rows:
 * mannwhitneyu(smart, cheap, method='asymptotic'), chi2_contingency(table, correction=False) (for
 * error rates, and for latencies above the pooled p95) and ttest_ind(smart, cheap, equal_var=False).
 */
describe('the comparisons in a preset report', () => {
  const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
  const ARM_SIZE = 120;

  /** Row i of an arm, the latest first: cheap's latencies are 90–110 ms, smart's 139–159 ms. */
  function statsEvent(preset: string, variant: string, i: number, failed: boolean, slow: boolean) {
    const common = { preset, variant, createdAt: secondsAgo(60 + i) };
    if (failed) {
      return sampleGenerationEvent({
        ...common,
        status: 'error',
        latencyMs: null,
        generationTimeMs: 100 + i,
        totalCost: 0,
        tokensPrompt: 0,
        tokensCompletion: 0,
      });
    }
    return sampleGenerationEvent({
      ...common,
      latencyMs: (slow ? 139 : 90) + ((i * 37) % 21),
      generationTimeMs: 1000 + ((i * (slow ? 17 : 13)) % 200),
      totalCost: Number(((slow ? 0.002 : 0.001) + (i % 5) * 0.0001).toFixed(4)),
      tokensPrompt: 100 + (i % 7),
      tokensCompletion: (slow ? 260 : 200) + ((i * 3) % 11),
    });
  }
  const indices = (n: number) => Array.from({ length: n }, (_, i) => i);
  const cheap = indices(ARM_SIZE).map((i) => statsEvent('ab-stats', 'cheap', i, i % 20 === 0, false));
  const smart = indices(ARM_SIZE).map((i) => statsEvent('ab-stats', 'smart', i, i % 8 === 0, true));
  const tiny = indices(5).map((i) => statsEvent('ab-stats', 'tiny', i, false, true));
  // Two arms with the very same values, in another order.
  const left = indices(40).map((i) => statsEvent('ab-same', 'left', i, i % 10 === 3, false));
  const right = left.map((event) => ({ ...event, id: `${event.id}-right`, variant: 'right' }));
  right.reverse();

  const latencies = (events: GenerationEvent[]) =>
    events.flatMap((event) => (event.latencyMs === null ? [] : [event.latencyMs]));
  /** U by its definition: the (variant, baseline) pairs the variant's value wins, ties counting ½. */
  function pairCount(variant: number[], baseline: number[]): number {
    let u = 0;
    for (const x of variant) for (const y of baseline) u += x > y ? 1 : x === y ? 0.5 : 0;
    return u;
  }
  /** As Postgres' percentile_cont: linear between the closest ranks. */
  function percentile(values: number[], q: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    const position = q * (sorted.length - 1);
    const below = Math.floor(position);
    return sorted[below] + (position - below) * ((sorted[below + 1] ?? sorted[below]) - sorted[below]);
  }
  function expectRelative(actual: number | null, expected: number, digits = 9) {
    expect(actual).not.toBeNull();
    expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(Math.abs(expected) * 10 ** -digits);
  }
  async function comparisonsOf(preset: string): Promise<ArmComparison[]> {
    const reply = await report({ preset, window: '1h' });
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.data.comparisons;
  }
  const find = (comparisons: ArmComparison[], variant: string, metric: string) =>
    comparisons.find((comparison) => comparison.variant === variant && comparison.metric === metric)!;

  beforeAll(async () => {
    await store([...cheap, ...smart, ...tiny, ...left, ...right]);
  });

  it('compares every other variant with the first by name, metric by metric', async () => {
    const comparisons = await comparisonsOf('ab-stats');
    expect(comparisons.map(({ baseline, variant, metric }) => `${baseline}:${variant}:${metric}`)).toEqual(
      ['smart', 'tiny'].flatMap((variant) =>
        [
          'ttft_p50_ms',
          'latency_p95_ms',
          'generation_time_p50_ms',
          'error_rate',
          'cost_per_request',
          'tokens_per_request',
        ].map((metric) => `cheap:${variant}:${metric}`),
      ),
    );
  });

  it('finds smart 50 % slower to the first token, with Mann-Whitney U exactly as scipy', async () => {
    const ttft = find(await comparisonsOf('ab-stats'), 'smart', 'ttft_p50_ms');
    const [cheapLatencies, smartLatencies] = [latencies(cheap), latencies(smart)];
    expect(ttft).toMatchObject({
      test: 'Mann-Whitney U',
      baseline: 'cheap',
      variant: 'smart',
      // The failed requests never sent a byte.
      n: [114, 105],
      baseline_value: percentile(cheapLatencies, 0.5),
      variant_value: percentile(smartLatencies, 0.5),
      difference: 50,
      effect: 0.5,
      statistic: pairCount(smartLatencies, cheapLatencies),
      significant: true,
      verdict:
        'smart is 50 % slower than cheap at p50 time to first token, significant at 95 % ' +
        '(Mann-Whitney U, p < 0.001, n = 105 smart / 114 cheap)',
    });
    expect([ttft.baseline_value, ttft.variant_value, ttft.statistic]).toEqual([100, 150, 114 * 105]);
    expectRelative(ttft.p_value, 2.1564639872724307e-37);
  });

  it('tests p95 by the share of each arm above the pooled p95', async () => {
    const p95 = find(await comparisonsOf('ab-stats'), 'smart', 'latency_p95_ms');
    const [cheapLatencies, smartLatencies] = [latencies(cheap), latencies(smart)];
    const pooled = percentile([...cheapLatencies, ...smartLatencies], 0.95);
    expect([pooled, smartLatencies.filter((ms) => ms > pooled).length]).toEqual([157, 10]);
    expect(p95).toMatchObject({
      test: "Mood's quantile test",
      n: [114, 105],
      baseline_value: percentile(cheapLatencies, 0.95),
      variant_value: percentile(smartLatencies, 0.95),
      significant: true,
      verdict:
        'smart is 45 % slower than cheap at p95 time to first token, significant at 95 % ' +
        "(Mood's quantile test, p < 0.001, n = 105 smart / 114 cheap)",
    });
    expect(p95.effect).toBeCloseTo((158 - 109) / 109, 12);
    expectRelative(p95.statistic, 3.3729250475845705);
    expectRelative(p95.p_value, 0.0007437419533514066);
  });

  it('finds no significant difference in generation time, with its ties ranked', async () => {
    const generation = find(await comparisonsOf('ab-stats'), 'smart', 'generation_time_p50_ms');
    const times = (events: GenerationEvent[]) => events.map((event) => event.generationTimeMs);
    expect(generation).toMatchObject({
      n: [120, 120],
      baseline_value: 1091.5,
      variant_value: 1084.5,
      statistic: pairCount(times(smart), times(cheap)),
      significant: false,
      verdict:
        'smart is 0.64 % faster than cheap at p50 generation time, not significant at 95 % ' +
        '(Mann-Whitney U, p = 0.46, n = 120 smart / 120 cheap)',
    });
    expect(generation.statistic).toBe(6808);
    expectRelative(generation.p_value, 0.4666063147743367);
  });

  it('tests error rates with a two-proportion z-test', async () => {
    const errors = find(await comparisonsOf('ab-stats'), 'smart', 'error_rate');
    expect(errors).toMatchObject({
      test: 'two-proportion z-test',
      n: [120, 120],
      baseline_value: 6 / 120,
      variant_value: 15 / 120,
      significant: true,
      verdict:
        'smart fails more often than cheap (12.5 % vs 5.0 % of requests), significant at 95 % ' +
        '(two-proportion z-test, p = 0.039, n = 120 smart / 120 cheap)',
    });
    expect(errors.effect).toBeCloseTo(1.5, 12);
    expectRelative(errors.statistic, 2.055968353560309);
    expectRelative(errors.p_value, 0.03978556668160924);
  });

  it("tests cost and tokens per request with Welch's t-test", async () => {
    const comparisons = await comparisonsOf('ab-stats');
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const cost = find(comparisons, 'smart', 'cost_per_request');
    expect(cost).toMatchObject({
      test: "Welch's t-test",
      n: [120, 120],
      significant: true,
      verdict:
        "smart is 67 % dearer than cheap per request, significant at 95 % (Welch's t-test, p < 0.001, " +
        'n = 120 smart / 120 cheap)',
    });
    expect(cost.baseline_value).toBeCloseTo(mean(cheap.map((event) => event.totalCost)), 15);
    expect(cost.variant_value).toBeCloseTo(0.001925, 15);
    expectRelative(cost.statistic, 10.61456384017927);
    expectRelative(cost.p_value, 3.722613410452401e-20);

    const tokens = find(comparisons, 'smart', 'tokens_per_request');
    const perRequest = (events: GenerationEvent[]) =>
      events.map((event) => event.tokensPrompt + event.tokensCompletion);
    expect(tokens).toMatchObject({
      baseline_value: mean(perRequest(cheap)),
      variant_value: mean(perRequest(smart)),
      significant: true,
      verdict:
        "smart uses 10 % more tokens per request than cheap, significant at 95 % (Welch's t-test, " +
        'p = 0.021, n = 120 smart / 120 cheap)',
    });
    expectRelative(tokens.statistic, 2.3151283146206563);
    expectRelative(tokens.p_value, 0.02170127582091161);
  });

  it('says an arm of 5 requests has not enough data yet', async () => {
    const comparisons = (await comparisonsOf('ab-stats')).filter(
      (comparison) => comparison.variant === 'tiny',
    );
    expect(comparisons.map((comparison) => comparison.verdict)).toEqual([
      'not enough data yet (n = 5 tiny / 114 cheap; at least 30 per arm)',
      'not enough data yet (n = 5 tiny / 114 cheap; at least 100 per arm)',
      ...Array(4).fill('not enough data yet (n = 5 tiny / 120 cheap; at least 30 per arm)'),
    ]);
    expect(
      comparisons.every(
        (c) => c.p_value === null && c.effect === null && c.statistic === null && c.significant === null,
      ),
    ).toBe(true);
  });

  it('finds equal arms equal: p = 1 on every metric tested', async () => {
    const comparisons = await comparisonsOf('ab-same');
    expect(
      comparisons.map(({ metric, n, effect, p_value, significant }) => ({
        metric,
        n,
        effect,
        p_value,
        significant,
      })),
    ).toEqual([
      { metric: 'ttft_p50_ms', n: [36, 36], effect: 0, p_value: 1, significant: false },
      // 36 latencies per arm: too few for a p95.
      { metric: 'latency_p95_ms', n: [36, 36], effect: null, p_value: null, significant: null },
      { metric: 'generation_time_p50_ms', n: [40, 40], effect: 0, p_value: 1, significant: false },
      { metric: 'error_rate', n: [40, 40], effect: 0, p_value: 1, significant: false },
      { metric: 'cost_per_request', n: [40, 40], effect: 0, p_value: 1, significant: false },
      { metric: 'tokens_per_request', n: [40, 40], effect: 0, p_value: 1, significant: false },
    ]);
    expect(comparisons[0].verdict).toBe(
      'right is as fast as left at p50 time to first token, not significant at 95 % ' +
        '(Mann-Whitney U, p = 1, n = 36 right / 36 left)',
    );
    expect(comparisons[3].verdict).toBe(
      'right fails as often as left (10.0 % of requests), not significant at 95 % ' +
        '(two-proportion z-test, p = 1, n = 40 right / 40 left)',
    );
  });

  it("bounds the rows to each arm's latest, in the database", async () => {
    const repository = app.get(GenerationRepository);
    const { sides } = await repository.variantReport('ab-stats', 3600, null, 50);
    const comparisons = compareArms('cheap', sides);
    const [latestCheap, latestSmart] = [cheap.slice(0, 50), smart.slice(0, 50)];
    const ttft = find(comparisons, 'smart', 'ttft_p50_ms');
    expect(ttft).toMatchObject({
      n: [47, 43],
      baseline_value: percentile(latencies(latestCheap), 0.5),
      statistic: pairCount(latencies(latestSmart), latencies(latestCheap)),
    });
    expect(ttft.baseline_value).toBe(101);
    expectRelative(ttft.p_value, 3.325983780956714e-16);
    expectRelative(find(comparisons, 'smart', 'error_rate').p_value, 0.18242243945173192);
    expectRelative(find(comparisons, 'smart', 'cost_per_request').p_value, 2.9160697293854812e-8);
    expect(find(comparisons, 'tiny', 'error_rate').n).toEqual([50, 5]);
  });
});

describe('a preset report with generations without a variant', () => {
  it('compares them as an arm of their own, last', async () => {
    const event = (variant: string | null, latencyMs: number) =>
      sampleGenerationEvent({ preset: 'ab-null', variant, latencyMs, createdAt: minutesAgo(5) });
    await store([
      ...Array.from({ length: 30 }, (_, i) => event('a', 100 + i)),
      ...Array.from({ length: 30 }, (_, i) => event(null, 200 + i)),
    ]);
    const reply = await report({ preset: 'ab-null', window: '1h' });
    if (!reply.ok) throw new Error(reply.error.message);
    const [ttft] = reply.data.comparisons;
    // Medians 214.5 against 114.5 ms.
    expect(ttft).toMatchObject({
      baseline: 'a',
      variant: null,
      n: [30, 30],
      statistic: 900,
      significant: true,
    });
    expect(ttft.verdict).toMatch(
      /^\(no variant\) is 87 % slower than a at p50 time to first token, significant/,
    );
  });
});
