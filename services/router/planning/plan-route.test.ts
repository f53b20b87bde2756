import { parseCatalog } from '../../../libs/catalog';
import { subjectsFor } from '../../../libs/contracts';
import { planRoute } from './plan-route';

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
      - { provider: b, upstream_model: one-b, pricing: { prompt: 2, completion: 2 } }
  x/two:
    name: Two
    context_length: 100
    endpoints:
      - { provider: c, upstream_model: two-c, pricing: { prompt: 1, completion: 1 } }
`,
  'test.yaml',
);
const subjects = subjectsFor('sy');

const attemptsOf = (request: Parameters<typeof planRoute>[0]) => {
  const plan = planRoute(request, catalog, subjects);
  if (!plan.ok) throw new Error(plan.error.message);
  return plan.attempts.map((a) => `${a.model}@${a.endpoint.providerId}`);
};

describe('planRoute', () => {
  it.each([
    ['one model: its endpoints in catalog order', { model: 'x/one' }, ['x/one@a', 'x/one@b']],
    [
      'model then models, deduplicated',
      { model: 'x/one', models: ['x/two', 'x/one'] },
      ['x/one@a', 'x/one@b', 'x/two@c'],
    ],
    ['models alone', { models: ['x/two', 'x/one'] }, ['x/two@c', 'x/one@a', 'x/one@b']],
    ['provider.order first', { model: 'x/one', provider: { order: ['b'] } }, ['x/one@b', 'x/one@a']],
    ['provider.only', { model: 'x/one', provider: { only: ['b'] } }, ['x/one@b']],
    ['provider.ignore', { model: 'x/one', provider: { ignore: ['a'] } }, ['x/one@b']],
    [
      'allow_fallbacks: false keeps the first',
      { model: 'x/one', provider: { allow_fallbacks: false } },
      ['x/one@a'],
    ],
  ])('%s', (_case, request, expected) => {
    expect(attemptsOf(request)).toEqual(expected);
  });

  it('gives each attempt its provider subject and per-token pricing', () => {
    const plan = planRoute({ model: 'x/two' }, catalog, subjects);
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
    const plan = planRoute({ model: 'x/one', models: ['nobody/none'] }, catalog, subjects);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.error.code).toBe(404);
    expect(plan.error.message).toContain('"nobody/none"');
    expect(plan.error.message).toContain('GET /api/v1/models');
  });

  it('answers 404 when provider preferences exclude every endpoint', () => {
    const plan = planRoute({ model: 'x/one', provider: { only: ['c'] } }, catalog, subjects);
    expect(plan).toMatchObject({ ok: false, error: { code: 404, metadata: { models: ['x/one'] } } });
  });
});
