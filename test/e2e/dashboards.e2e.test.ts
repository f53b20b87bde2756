import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { Client } from 'pg';
import { parse } from 'yaml';
import { eventually } from '../../libs/testing/eventually';
import { freePort } from '../../libs/testing/free-port';
import { expandPostgresMacros, expandPromQlMacros } from '../../libs/testing/grafana-macros';
import { createKey } from '../../libs/testing/keys-api';
import { startTestStack, type TestStack } from '../../libs/testing/test-stack';
import { TEST_CATALOG } from './test-catalog';

jest.setTimeout(120_000);

/**
 * The Grafana dashboards as an operator sees them, without Grafana: every panel's PromQL against a
 * real Prometheus (Debian's, as .ci/run installs it) scraping the real stack with the compose
 * profile's scrape configuration, and every panel's SQL, macros expanded as Grafana does, against
 * the stack's PostgreSQL. A panel shows what its query returns; here each returns data.
 */
const PROMETHEUS = process.env.PROMETHEUS_BIN ?? 'prometheus';

/** A preset and a model whose first endpoint fails: the traffic fills every panel. */
const CATALOG = `${TEST_CATALOG.replace(
  'models:\n',
  `models:
  test/fallback:
    name: Test Fallback
    context_length: 4096
    endpoints:
      - { provider: sim-down, upstream_model: echo, pricing: { prompt: 1, completion: 2 } }
      - { provider: sim, upstream_model: echo, pricing: { prompt: 5, completion: 5 } }
`,
)}
presets:
  support-bot:
    variants:
      - { name: fast, weight: 1, model: test/echo }
      - { name: steady, weight: 1, model: test/fallback }
`;

interface Panel {
  title: string;
  targets: { expr?: string; rawSql?: string }[];
}

const dashboard = (name: string): Panel[] =>
  (JSON.parse(readFileSync(`deploy/grafana/dashboards/${name}.json`, 'utf8')) as { panels: Panel[] }).panels;

let stack: TestStack;
let prometheus: ChildProcess;
let prometheusUrl: string;
let dataDir: string;

/** The compose profile's scrape configuration, each service's address replaced by the test stack's. */
function scrapeConfig(): string {
  const compose = parse(readFileSync('deploy/prometheus/prometheus.yml', 'utf8')) as {
    scrape_configs: { job_name: string; static_configs: { targets: string[]; labels: object }[] }[];
  };
  const where = (target: string) => {
    const service = target.split(':')[0];
    const url = service === 'ingress' ? new URL(stack.baseUrl).origin : stack.metricsUrl(service);
    return new URL(url).host;
  };
  for (const job of compose.scrape_configs) {
    for (const group of job.static_configs) group.targets = group.targets.map(where);
  }
  return JSON.stringify({ global: { scrape_interval: '1s' }, scrape_configs: compose.scrape_configs });
}

async function promQuery(
  query: string,
): Promise<{ status: string; data?: { result: unknown[] }; error?: string }> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`);
  return (await response.json()) as { status: string; data?: { result: unknown[] }; error?: string };
}

beforeAll(async () => {
  stack = await startTestStack({ catalog: CATALOG });
  dataDir = mkdtempSync(join(tmpdir(), 'switchyard-prometheus-'));
  writeFileSync(join(dataDir, 'prometheus.yml'), scrapeConfig());
  const port = await freePort();
  prometheusUrl = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dataDir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dataDir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  await eventually(
    'Prometheus scraping every service',
    async () => {
      const response = await fetch(`${prometheusUrl}/api/v1/targets`).catch(() => undefined);
      if (!response?.ok) return undefined;
      const { data } = (await response.json()) as { data: { activeTargets: { health: string }[] } };
      return data.activeTargets.length === 6 && data.activeTargets.every((t) => t.health === 'up')
        ? true
        : undefined;
    },
    30_000,
  );

  // Traffic of every kind a panel shows, spread over a few scrapes so that rates have two samples.
  const client = new OpenAI({ baseURL: stack.baseUrl, apiKey: stack.apiKey, maxRetries: 0 });
  const limited = await createKey(stack, { name: 'one-a-minute', rate_limit: { requests: 1 } });
  const limitedClient = new OpenAI({ baseURL: stack.baseUrl, apiKey: limited.key, maxRetries: 0 });
  const messages = [{ role: 'user' as const, content: 'fill the dashboards' }];
  const until = Date.now() + 4_000;
  while (Date.now() < until) {
    await client.chat.completions.create({ model: 'test/echo', messages });
    const stream = await client.chat.completions.create({ model: 'test/echo', messages, stream: true });
    for await (const chunk of stream) void chunk;
    await client.chat.completions.create({ model: 'test/fallback', messages });
    await client.chat.completions.create({ model: '@preset/support-bot', messages, user: `u${Date.now()}` });
    await client.chat.completions.create({ model: 'test/down', messages }).catch(() => undefined);
    await limitedClient.chat.completions.create({ model: 'test/echo', messages }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

afterAll(async () => {
  prometheus?.kill();
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('operations dashboard (Prometheus)', () => {
  const queries = dashboard('operations').flatMap((panel) =>
    panel.targets.filter((t) => t.expr).map((t) => [panel.title, t.expr!] as const),
  );

  it('has queries', () => {
    expect(queries.length).toBeGreaterThan(10);
  });

  it.each(queries)('%s: %s returns series', async (_title, expr) => {
    const query = expandPromQlMacros(expr, '30s');
    const result = await eventually(
      `series for ${query}`,
      async () => {
        const answer = await promQuery(query);
        if (answer.status !== 'success') throw new Error(`${query}: ${answer.error}`);
        return answer.data!.result.length > 0 ? answer.data!.result : undefined;
      },
      20_000,
    );
    expect(result.length).toBeGreaterThan(0);
  });
});

describe('spend dashboard (PostgreSQL)', () => {
  const queries = dashboard('spend').flatMap((panel) =>
    panel.targets.filter((t) => t.rawSql).map((t) => [panel.title, t.rawSql!] as const),
  );
  let pg: Client;

  beforeAll(async () => {
    pg = new Client({ connectionString: stack.databaseUrl });
    await pg.connect();
  });

  afterAll(async () => {
    await pg?.end();
  });

  it.each(queries)('%s returns rows', async (_title, rawSql) => {
    const range = {
      from: new Date(Date.now() - 3_600_000),
      to: new Date(Date.now() + 60_000),
      intervalMs: 60_000,
    };
    const sql = expandPostgresMacros(rawSql, range);
    const rows = await eventually(
      `rows for ${sql}`,
      async () => {
        const { rows } = await pg.query(sql);
        // Rows come once the generations are stored; a stat of 0 (no cost yet) is not data either.
        const filled = rows.some((row: object) =>
          Object.entries(row).some(([column, v]) => column !== 'time' && v !== null && Number(v) !== 0),
        );
        return filled ? rows : undefined;
      },
      20_000,
    );
    expect(rows.length).toBeGreaterThan(0);
  });
});
