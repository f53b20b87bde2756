import OpenAI from 'openai';
import { hashApiKey } from '../../libs/accounts';
import { callGateway, chat, createKey } from '../../libs/testing/keys-api';
import { eventually } from '../../libs/testing/eventually';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { waitForGeneration } from '../../libs/testing/wait-for-generation';
import { TEST_CATALOG } from './test-catalog';

jest.setTimeout(90_000);

let stack: TestStack;
let replicaUrl: string;

beforeAll(async () => {
  stack = await startTestStack({ catalog: TEST_CATALOG });
  replicaUrl = await stack.startIngressReplica();
});

afterAll(async () => {
  await stack?.stop();
});

const hello = { model: 'test/echo', messages: [{ role: 'user', content: 'Hello, key' }] };

describe('the keys API (admin key)', () => {
  it('creates a key whose plaintext is shown once and whose hash names it', async () => {
    const { key, data } = await createKey(stack, {
      name: 'team-a',
      limit: 5,
      limit_reset: 'monthly',
      include_byok_in_limit: true,
      expires_at: '2099-01-01T00:00:00Z',
    });
    expect(key).toMatch(/^sk-sy-v1-[0-9a-f]{64}$/);
    expect(data).toMatchObject({
      hash: hashApiKey(key),
      name: 'team-a',
      label: `sk-sy-v1-${key.slice(9, 12)}...${key.slice(-3)}`,
      disabled: false,
      limit: 5,
      limit_remaining: 5,
      limit_reset: 'monthly',
      include_byok_in_limit: true,
      usage: 0,
      usage_daily: 0,
      byok_usage: 0,
      expires_at: '2099-01-01T00:00:00.000Z',
      updated_at: null,
    });
    const listed = await callGateway(stack, 'GET', '/keys');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((k: { hash: string }) => k.hash)).toContain(data.hash);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    const one = await callGateway(stack, 'GET', `/keys/${data.hash}`);
    expect(one.body.data).toMatchObject({ hash: data.hash, name: 'team-a' });
    expect(JSON.stringify(one.body)).not.toContain(key);
  });

  it('changes, lists disabled keys only when asked, and deletes', async () => {
    const { data } = await createKey(stack, { name: 'short-lived' });
    const patched = await callGateway(stack, 'PATCH', `/keys/${data.hash}`, {
      body: { name: 'renamed', limit: 2, disabled: true },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ name: 'renamed', limit: 2, disabled: true });
    expect(patched.body.data.updated_at).not.toBeNull();
    const hashes = async (query: string) =>
      (await callGateway(stack, 'GET', `/keys${query}`)).body.data.map((k: { hash: string }) => k.hash);
    expect(await hashes('')).not.toContain(data.hash);
    expect(await hashes('?include_disabled=true')).toContain(data.hash);
    expect(await callGateway(stack, 'DELETE', `/keys/${data.hash}`)).toMatchObject({
      status: 200,
      body: { deleted: true },
    });
    expect((await callGateway(stack, 'GET', `/keys/${data.hash}`)).status).toBe(404);
  });

  it.each([
    [{ name: 'x', limit: -1 }, 'limit: must be USD, 0 or more'],
    [{ name: 'x', limit_reset: 'hourly' }, 'limit_reset: must be daily, weekly, monthly or null'],
    [{ name: 'x', expires_at: '2099-01-01T00:00:00+02:00' }, 'expires_at: must be in UTC'],
    [{ name: 'x', expires_at: '2001-01-01T00:00:00Z' }, 'expires_at: must be in the future'],
    [{ name: 'x', limt: 3 }, 'Unrecognized key'],
    [{}, 'name'],
  ])('refuses %j with a 400 naming the field', async (body, message) => {
    const refused = await callGateway(stack, 'POST', '/keys', { body });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(400);
    expect(refused.body.error.message).toContain(message);
  });

  it('is for the admin key only, and the admin key runs no inference', async () => {
    const { key } = await createKey(stack, { name: 'not-admin' });
    const forbidden = await callGateway(stack, 'GET', '/keys', { key });
    expect(forbidden).toMatchObject({
      status: 403,
      body: { error: { code: 403, message: 'Only management keys can perform this operation' } },
    });
    const asAdmin = await chat(stack, stack.adminKey, hello);
    expect(asAdmin.status).toBe(401);
    expect(asAdmin.body.error.message).toContain('cannot run inference');
    expect((await callGateway(stack, 'GET', '/keys', { key: 'sk-sy-v1-nope' })).status).toBe(401);
  });
});

describe('a managed key', () => {
  it('runs inference with any OpenAI client, and GET /key shows its limit and usage', async () => {
    const { key, data } = await createKey(stack, { name: 'app', limit: 1, limit_reset: 'daily' });
    const client = new OpenAI({ baseURL: stack.baseUrl, apiKey: key, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: 'test/echo',
      messages: [{ role: 'user', content: 'Hello, key' }],
    });
    expect(completion.choices[0].message.content).toBe('Echo: Hello, key');
    const record = await waitForGeneration({ ...stack, apiKey: key }, completion.id);
    const cost = record.total_cost as number;
    expect(cost).toBeGreaterThan(0);
    const current = await eventually('usage on /key', async () => {
      const reply = await callGateway(stack, 'GET', '/key', { key });
      return reply.body.data.usage > 0 ? reply : undefined;
    });
    expect(current.body.data).toMatchObject({
      label: data.label,
      limit: 1,
      limit_reset: 'daily',
      is_free_tier: false,
      is_management_key: false,
      rate_limit: { requests: -1, tokens: -1, interval: '1m' },
    });
    expect(current.body.data.usage).toBeCloseTo(cost, 10);
    expect(current.body.data.usage_daily).toBeCloseTo(cost, 10);
    expect(current.body.data.limit_remaining).toBeCloseTo(1 - cost, 10);
    const credits = await callGateway(stack, 'GET', '/credits', { key });
    expect(credits.body.data.total_credits).toBe(1);
    expect(credits.body.data.total_usage).toBeCloseTo(cost, 10);
  });

  it('stops working on every replica within a second of being disabled, and again when deleted', async () => {
    const { key, data } = await createKey(stack, { name: 'to-disable' });
    await eventually('the key on the replica', async () =>
      (await chat(stack, key, hello, replicaUrl)).status === 200 ? true : undefined,
    );
    expect((await chat(stack, key, hello)).status).toBe(200);
    const disabledAt = Date.now();
    await callGateway(stack, 'PATCH', `/keys/${data.hash}`, { body: { disabled: true } });
    for (const baseUrl of [stack.baseUrl, replicaUrl]) {
      await eventually(
        'a 401',
        async () => ((await chat(stack, key, hello, baseUrl)).status === 401 ? true : undefined),
        1000,
      );
    }
    expect(Date.now() - disabledAt).toBeLessThan(1000);
    const refused = await chat(stack, key, hello, replicaUrl);
    expect(refused.body).toEqual({ error: { code: 401, message: 'This API key is disabled.' } });

    await callGateway(stack, 'PATCH', `/keys/${data.hash}`, { body: { disabled: false } });
    await eventually(
      'enabled again',
      async () => ((await chat(stack, key, hello)).status === 200 ? true : undefined),
      1000,
    );
    await callGateway(stack, 'DELETE', `/keys/${data.hash}`);
    for (const baseUrl of [stack.baseUrl, replicaUrl]) {
      await eventually(
        'a 401',
        async () => ((await chat(stack, key, hello, baseUrl)).status === 401 ? true : undefined),
        1000,
      );
    }
  });

  it('stops working once it expires', async () => {
    const expiresAt = new Date(Date.now() + 1500);
    const { key } = await createKey(stack, { name: 'expiring', expires_at: expiresAt.toISOString() });
    expect((await chat(stack, key, hello)).status).toBe(200);
    await eventually('the expiry', async () => (Date.now() > expiresAt.getTime() ? true : undefined));
    const refused = await chat(stack, key, hello);
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toContain('expired');
  });
});

describe('tenancy', () => {
  it("shows a key its own generations and activity only; the admin key sees every key's", async () => {
    const [a, b] = [
      await createKey(stack, { name: 'tenant-a' }),
      await createKey(stack, { name: 'tenant-b' }),
    ];
    const answered = await chat(stack, a.key, hello);
    const id = answered.body.id as string;
    await waitForGeneration({ ...stack, apiKey: a.key }, id);
    expect((await callGateway(stack, 'GET', `/generation?id=${id}`, { key: b.key })).status).toBe(404);
    expect((await callGateway(stack, 'GET', `/generation?id=${id}`)).status).toBe(200);

    const activity = await eventually('activity', async () => {
      const reply = await callGateway(stack, 'GET', '/activity', { key: a.key });
      return reply.body.data.length > 0 ? reply.body.data : undefined;
    });
    expect(activity).toEqual([
      {
        date: new Date().toISOString().slice(0, 10),
        model: 'test/echo',
        model_permaslug: 'test/echo',
        endpoint_id: 'Simulator:test/echo',
        provider_name: 'Simulator',
        usage: expect.any(Number),
        byok_usage_inference: 0,
        requests: 1,
        prompt_tokens: expect.any(Number),
        completion_tokens: 3,
        reasoning_tokens: 0,
        app: null,
      },
    ]);
    expect((await callGateway(stack, 'GET', '/activity', { key: b.key })).body.data).toEqual([]);
    const forOne = await callGateway(stack, 'GET', `/activity?api_key_hash=${a.data.hash}`);
    expect(forOne.body.data).toEqual(activity);
    expect(
      (await callGateway(stack, 'GET', `/activity?api_key_hash=${a.data.hash}`, { key: b.key })).status,
    ).toBe(403);
  });
});

it('never writes a key, its hash aside, to any log', async () => {
  const { key } = await createKey(stack, { name: 'quiet' });
  await chat(stack, key, hello);
  await chat(stack, key, { ...hello, model: 'test/unknown' });
  await callGateway(stack, 'GET', '/keys', { key });
  const logs = stack.logs();
  for (const secret of [key, stack.adminKey, stack.apiKey]) expect(logs).not.toContain(secret);
});
