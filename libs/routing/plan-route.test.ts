import { parseCatalog } from '../catalog';
import { subjectsFor, type RouteRequest } from '../contracts';
import type { EndpointHealth, HealthView } from './endpoint-health';
import { NO_HEALTH_DATA } from './endpoint-health';
import { planRoute, type PlanContext } from './plan-route';

const catalog = parseCatalog(
  `
providers:
  a: { name: A, family: openai-compatible, base_url: 'http://a/v1' }
  b: { name: B, family: openai-compatible, base_url: 'http://b/v1' }
  c: { name: C, family: openai-compatible, base_url: 'http://c/v1' }
models:
  x/one:
    name: One
    context_length: 100
    endpoints:
      - { provider: a, upstream_model: one-a, pricing: { prompt: 1, completion: 1 } }
      - { provider: b, upstream_model: one-b, pricing: { prompt: 2, completion: 2 }, data_collection: deny }
  x/two:
    name: Two
    context_length: 100
    endpoints:
      - { provider: c, upstream_model: two-c, pricing: { prompt: 1, completion: 1 } }
      - { provider: b, upstream_model: two-b, pricing: { prompt: 0, completion: 0 } }
presets:
  exp:
    variants:
      - { name: control, weight: 1, model: x/one, provider: { order: [b] } }
      - { name: cool, weight: 1, models: [x/two], parameters: { temperature: 0.1 } }
`,
  'test.yaml',
);
const subjects = subjectsFor('sy');
const NOW = 1_000_000;

const healthOf = (table: Record<string, Partial<EndpointHealth>>): HealthView => ({
  get: (providerId, model) => {
    const health = table[`${providerId}@${model}`];
    return (
      health && {
        requests: 1,
        errorRate: 0,
        ttftP50Ms: null,
        ttftP90Ms: null,
        throughputTps: null,
        lastOutageAt: null,
        circuit: 'closed',
        ...health,
      }
    );
  },
});

const context = (overrides: Partial<PlanContext> = {}): PlanContext => ({
  health: NO_HEALTH_DATA,
  random: () => 0,
  now: NOW,
  ...overrides,
});

const attemptsOf = (request: RouteRequest, overrides?: Partial<PlanContext>) => {
  const plan = planRoute(request, catalog, subjects, context(overrides));
  if (!plan.ok) throw new Error(plan.error.message);
  return plan.attempts.map((a) => `${a.model}@${a.endpoint.providerId}`);
};

describe('planRoute', () => {
  it.each<[string, RouteRequest, string[]]>([
    ['one model: balanced, the cheaper drawn by a low draw', { model: 'x/one' }, ['x/one@a', 'x/one@b']],
    [
      'model then models, deduplicated',
      { model: 'x/one', models: ['x/two', 'x/one'] },
      ['x/one@a', 'x/one@b', 'x/two@b', 'x/two@c'],
    ],
    ['models alone', { models: ['x/two', 'x/one'] }, ['x/two@b', 'x/two@c', 'x/one@a', 'x/one@b']],
    ['legacy route: fallback', { models: ['x/one'], route: 'fallback' }, ['x/one@a', 'x/one@b']],
    ['provider.order first', { model: 'x/one', provider: { order: ['b'] } }, ['x/one@b', 'x/one@a']],
    ['provider.only', { model: 'x/one', provider: { only: ['b'] } }, ['x/one@b']],
    ['provider.ignore', { model: 'x/one', provider: { ignore: ['a'] } }, ['x/one@b']],
    ['data_collection deny', { model: 'x/one', provider: { data_collection: 'deny' } }, ['x/one@b']],
    [
      'allow_fallbacks: false keeps the first',
      { model: 'x/one', provider: { allow_fallbacks: false } },
      ['x/one@a'],
    ],
    [
      'allow_fallbacks: false with order keeps the ordered ones',
      { model: 'x/one', provider: { order: ['b'], allow_fallbacks: false } },
      ['x/one@b'],
    ],
    [
      'sort by price, per model',
      { models: ['x/one', 'x/two'], provider: { sort: 'price' } },
      ['x/one@a', 'x/one@b', 'x/two@b', 'x/two@c'],
    ],
    [
      'sort with partition none: across models',
      { models: ['x/one', 'x/two'], provider: { sort: { by: 'price', partition: 'none' } } },
      ['x/two@b', 'x/one@a', 'x/two@c', 'x/one@b'],
    ],
    [
      'sort then order: order leads',
      { model: 'x/two', provider: { sort: 'price', order: ['c'] } },
      ['x/two@c', 'x/two@b'],
    ],
    [':floor sorts by price', { model: 'x/two:floor' }, ['x/two@b', 'x/two@c']],
    [':free keeps endpoints priced 0', { model: 'x/two:free' }, ['x/two@b']],
  ])('%s', (_case, request, expected) => {
    expect(attemptsOf(request)).toEqual(expected);
  });

  it.each<[string, Record<string, Partial<EndpointHealth>>, RouteRequest, string[]]>([
    [
      ':nitro sorts by throughput',
      { 'c@x/two': { throughputTps: 90 }, 'b@x/two': { throughputTps: 10 } },
      {
        model: 'x/two:nitro',
      },
      ['x/two@c', 'x/two@b'],
    ],
    [
      'sort by latency',
      { 'a@x/one': { ttftP50Ms: 800 }, 'b@x/one': { ttftP50Ms: 200 } },
      {
        model: 'x/one',
        provider: { sort: 'latency' },
      },
      ['x/one@b', 'x/one@a'],
    ],
    [
      'an open circuit goes last, even when ordered',
      { 'b@x/one': { circuit: 'open' } },
      {
        model: 'x/one',
        provider: { order: ['b'] },
      },
      ['x/one@a', 'x/one@b'],
    ],
    [
      'a recent outage leaves the balancing draw',
      { 'a@x/one': { lastOutageAt: NOW - 1_000 } },
      {
        model: 'x/one',
      },
      ['x/one@b', 'x/one@a'],
    ],
    [
      'soft latency preference moves a slow primary model behind a fallback model',
      { 'a@x/one': { ttftP50Ms: 5_000 }, 'b@x/one': { ttftP50Ms: 5_000 } },
      { models: ['x/one', 'x/two'], provider: { preferred_max_latency: 2 } },
      ['x/two@b', 'x/two@c', 'x/one@a', 'x/one@b'],
    ],
  ])('%s', (_case, table, request, expected) => {
    expect(attemptsOf(request, { health: healthOf(table) })).toEqual(expected);
  });

  it.each<[string, Record<string, Partial<EndpointHealth>>, string[]]>([
    ['the session endpoint goes first', {}, ['x/one@b', 'x/one@a']],
    ['unless it is failing', { 'b@x/one': { lastOutageAt: NOW - 1_000 } }, ['x/one@a', 'x/one@b']],
  ])('sticky session: %s', (_case, table, expected) => {
    expect(
      attemptsOf({ model: 'x/one', sessionId: 's1' }, { health: healthOf(table), stickyEndpoint: 'b@x/one' }),
    ).toEqual(expected);
  });

  it.each<[string, Partial<RouteRequest>]>([
    ['provider.order', { provider: { order: ['a'] } }],
    ['provider.sort', { provider: { sort: 'price' } }],
    ['a :floor suffix', { model: 'x/one:floor' }],
  ])('sticky session: an explicit %s wins over the session endpoint', (_case, request) => {
    const attempts = attemptsOf(
      { model: 'x/one', sessionId: 's1', ...request },
      { stickyEndpoint: 'b@x/one' },
    );
    expect(attempts[0]).toBe('x/one@a');
  });

  it('gives each attempt its provider subject and per-token pricing', () => {
    const plan = planRoute({ model: 'x/two', provider: { only: ['c'] } }, catalog, subjects, context());
    expect(plan).toEqual({
      ok: true,
      attempts: [
        {
          model: 'x/two',
          subject: 'sy.provider.c.chat',
          endpoint: {
            providerId: 'c',
            providerName: 'C',
            upstreamModel: 'two-c',
            pricing: { prompt: 1e-6, completion: 1e-6, request: 0 },
          },
        },
      ],
    });
  });

  it('answers 404 naming the unknown model and how to list models', () => {
    const plan = planRoute({ model: 'x/one', models: ['nobody/none'] }, catalog, subjects, context());
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.error.code).toBe(404);
    expect(plan.error.message).toContain('"nobody/none"');
    expect(plan.error.message).toContain('GET /api/v1/models');
  });

  it('answers 404 saying which constraint excluded which endpoint', () => {
    const plan = planRoute(
      { model: 'x/one', provider: { only: ['a'], max_price: { prompt: 0.5 } } },
      catalog,
      subjects,
      context(),
    );
    expect(plan).toMatchObject({
      ok: false,
      error: {
        code: 404,
        metadata: {
          models: ['x/one'],
          excluded: [
            { provider: 'a', model: 'x/one', reason: 'prompt price above provider.max_price' },
            { provider: 'b', model: 'x/one', reason: 'not in provider.only' },
          ],
        },
      },
    });
  });

  describe('presets', () => {
    const planPreset = (request: Omit<RouteRequest, 'model'>, random = () => 0) => {
      const plan = planRoute({ model: '@preset/exp', ...request }, catalog, subjects, context({ random }));
      if (!plan.ok) throw new Error(plan.error.message);
      return plan.attempts;
    };

    it.each([
      [0.1, 'control', ['x/one@b', 'x/one@a'], undefined],
      [0.9, 'cool', ['x/two@b', 'x/two@c'], { temperature: 0.1 }],
    ])(
      'draw %d picks %s, routed as the variant says, on every attempt',
      (draw, variant, expected, parameters) => {
        const attempts = planPreset({}, () => draw);
        expect(attempts.map((a) => `${a.model}@${a.endpoint.providerId}`)).toEqual(expected);
        for (const attempt of attempts) {
          expect(attempt.preset).toEqual({ name: 'exp', variant });
          expect(attempt.parameters).toEqual(parameters);
        }
      },
    );

    it('keeps a user on one variant whatever the draw', () => {
      const variants = [0, 0.5, 0.99].map(
        (draw) => planPreset({ user: 'u-1' }, () => draw)[0].preset?.variant,
      );
      expect(new Set(variants).size).toBe(1);
    });

    it('answers 404 for an unknown preset', () => {
      const plan = planRoute({ model: '@preset/nope' }, catalog, subjects, context());
      expect(plan).toMatchObject({ ok: false, error: { code: 404, message: 'Preset "nope" not found.' } });
    });
  });
});
