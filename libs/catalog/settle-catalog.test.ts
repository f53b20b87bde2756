import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { subjectsFor } from '../contracts';
import { CATALOG_KEY, catalogBucketName, openCatalogBucket, pushCatalog } from './catalog-bucket';
import { hashCatalogText, type CatalogFileText } from './catalog-entry';
import { settleCatalog } from './settle-catalog';

/** Against the NATS server the tests use (NATS_URL), in a namespace of its own. */
const subjects = subjectsFor(`catalogtest${randomBytes(4).toString('hex')}`);
let nc: NatsConnection;
let bucket: KV;

beforeAll(async () => {
  nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  bucket = await openCatalogBucket(nc, subjects);
});

afterAll(async () => {
  await (await jetstreamManager(nc)).streams.delete(`KV_${catalogBucketName(subjects)}`);
  await nc.close();
});

const catalogFile = (path: string, model: string, baseUrl = 'http://127.0.0.1:1'): CatalogFileText => {
  const text = `
providers:
  sim: { name: Simulator, family: openai-compatible, base_url: '${baseUrl}/v1' }
models:
  ${model}:
    name: ${model}
    context_length: 1024
    endpoints: [{ provider: sim, upstream_model: echo, pricing: { prompt: 1, completion: 1 } }]
`;
  return { path, text, hash: hashCatalogText(text) };
};

const logged = () => ({ log: jest.fn<void, [string]>(), error: jest.fn<void, [string]>() });
const modelsOf = (settled: { catalog: { models: ReadonlyMap<string, unknown> } }) => [
  ...settled.catalog.models.keys(),
];
const revisions = async () => {
  const seen: number[] = [];
  for await (const entry of await bucket.history({ key: CATALOG_KEY })) seen.push(entry.revision);
  return seen;
};

it('stores the file once when services start together; the others keep what the winner stored', async () => {
  const file = catalogFile('config/catalog.yaml', 'test/first');
  const log = logged();
  const settled = await Promise.all(Array.from({ length: 4 }, () => settleCatalog(bucket, file, {}, log)));
  expect(new Set(settled.map((s) => s.revision)).size).toBe(1);
  expect(settled.map(modelsOf)).toEqual(Array(4).fill(['test/first']));
  expect(await revisions()).toHaveLength(1);
  const lines = log.log.mock.calls.map(([line]) => line);
  expect(lines.filter((line) => line.endsWith('applied at start: no catalog stored yet)'))).toHaveLength(1);
  expect(lines.filter((line) => line.endsWith('; config/catalog.yaml unchanged since'))).toHaveLength(3);
});

it('keeps a push of another file over an unchanged file, and applies the file once it is edited', async () => {
  const pushed = await pushCatalog(nc, subjects, catalogFile('experiment.yaml', 'test/pushed'));
  const log = logged();
  const unchanged = await settleCatalog(bucket, catalogFile('config/catalog.yaml', 'test/first'), {}, log);
  expect(unchanged).toMatchObject({ revision: pushed });
  expect(modelsOf(unchanged)).toEqual(['test/pushed']);

  expect(log.log).toHaveBeenLastCalledWith(
    expect.stringMatching(
      /pushed by catalog:push from experiment\.yaml .*; config\/catalog\.yaml unchanged since$/,
    ),
  );

  const edited = await settleCatalog(bucket, catalogFile('config/catalog.yaml', 'test/edited'), {}, log);
  expect(edited.revision).toBeGreaterThan(pushed);
  expect(modelsOf(edited)).toEqual(['test/edited']);
  expect(log.log).toHaveBeenLastCalledWith(
    expect.stringMatching(
      /^catalog in force: revision \d+, from config\/catalog\.yaml \(sha256 \w{12}…, applied at start: file changed\)$/,
    ),
  );
});

it('serves its own file, alone, when the stored catalog does not validate here', async () => {
  process.env.CATALOG_TEST_URL = 'http://127.0.0.1:2';
  const pushed = await pushCatalog(
    nc,
    subjects,
    catalogFile('other.yaml', 'test/needs-a-variable', '${CATALOG_TEST_URL}'),
  ).finally(() => delete process.env.CATALOG_TEST_URL);
  const log = logged();
  const settled = await settleCatalog(bucket, catalogFile('config/catalog.yaml', 'test/edited'), {}, log);
  expect(settled.revision).toBe(pushed);
  expect(modelsOf(settled)).toEqual(['test/edited']);
  expect(log.error).toHaveBeenCalledWith(
    expect.stringMatching(
      /^Invalid catalog other\.yaml \(catalog revision \d+\):[^]*serves config\/catalog\.yaml instead/,
    ),
  );
});

it('in watch mode, takes no file and waits for a first push', async () => {
  const empty = subjectsFor(`catalogtest${randomBytes(4).toString('hex')}`);
  const emptyBucket = await openCatalogBucket(nc, empty);
  try {
    const log = logged();
    const settling = settleCatalog(emptyBucket, undefined, {}, log);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const revision = await pushCatalog(nc, empty, catalogFile('/etc/switchyard/catalog.yaml', 'test/k8s'));
    const settled = await settling;
    expect(settled.revision).toBe(revision);
    expect(modelsOf(settled)).toEqual(['test/k8s']);
    expect(log.log.mock.calls.map(([line]) => line)).toEqual([
      'no catalog in the cluster yet (SWITCHYARD_CATALOG_MODE=watch): waiting for catalog:push',
      expect.stringMatching(/pushed by catalog:push .*; SWITCHYARD_CATALOG_MODE=watch, no file read$/),
    ]);
  } finally {
    await (await jetstreamManager(nc)).streams.delete(`KV_${catalogBucketName(empty)}`);
  }
});
