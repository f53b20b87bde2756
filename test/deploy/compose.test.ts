import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadCatalog } from '../../libs/catalog';
import { DEFAULT_METRICS_PORTS } from '../../libs/observability';

/** docker-compose.yml against the code: every service there, healthy before ingress, every variable passed. */
interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const APP = [
  'simulator',
  'router',
  'metrics',
  'worker-openai-compatible',
  'worker-anthropic',
  'worker-gemini',
  'ingress',
];

describe('docker-compose.yml', () => {
  it('runs every service of the stack, each with its entry point and a healthcheck', () => {
    for (const name of [...APP, 'nats', 'postgres']) {
      expect({ name, healthcheck: Boolean(services[name]?.healthcheck) }).toEqual({
        name,
        healthcheck: true,
      });
    }
    for (const name of APP.filter((n) => n.startsWith('worker-'))) {
      expect(services[name].command).toEqual([
        `dist/services/workers/${name.slice('worker-'.length)}/main.js`,
      ]);
    }
  });

  it('checks readiness where each service serves it, on the port the code listens on', () => {
    for (const [name, port] of Object.entries(DEFAULT_METRICS_PORTS)) {
      expect(services[name].healthcheck!.test.join(' ')).toContain(`http://127.0.0.1:${port}/health/ready`);
    }
    expect(services.ingress.healthcheck!.test.join(' ')).toContain('http://127.0.0.1:8080/health/ready');
  });

  it('starts ingress once every other service is healthy', () => {
    for (const name of [
      'nats',
      'router',
      'metrics',
      'worker-openai-compatible',
      'worker-anthropic',
      'worker-gemini',
    ]) {
      expect({ name, condition: services.ingress.depends_on?.[name]?.condition }).toEqual({
        name,
        condition: 'service_healthy',
      });
    }
  });

  it("passes every provider's key variable to the worker of its family", () => {
    const catalog = loadCatalog('config/catalog.yaml', {});
    for (const provider of catalog.providers.values()) {
      if (!provider.apiKeyEnv) continue;
      const worker = services[`worker-${provider.family}`];
      expect({ provider: provider.id, passed: provider.apiKeyEnv in (worker.environment ?? {}) }).toEqual({
        provider: provider.id,
        passed: true,
      });
    }
  });

  it("passes every variable the catalog's URLs and headers read", () => {
    const text = readFileSync('config/catalog.yaml', 'utf8').replace(/^\s*#.*$/gm, '');
    const read = new Set([...text.matchAll(/\$\{([A-Z0-9_]+)/g)].map((match) => match[1]));
    expect(read.size).toBeGreaterThan(0);
    for (const name of read) {
      for (const service of APP.filter((n) => n !== 'simulator')) {
        expect({ service, name, passed: name in (services[service].environment ?? {}) }).toEqual({
          service,
          name,
          passed: true,
        });
      }
    }
  });

  it('provisions Grafana with Prometheus, Tempo and PostgreSQL, and both dashboards', () => {
    const grafana = services.grafana as ComposeService & { volumes: string[] };
    expect(grafana.profiles).toEqual(['observability']);
    const datasources = parse(
      readFileSync('deploy/grafana/provisioning/datasources/datasources.yaml', 'utf8'),
    ) as { datasources: { uid: string }[] };
    expect(datasources.datasources.map((d) => d.uid).sort()).toEqual(['postgres', 'prometheus', 'tempo']);
    for (const file of ['operations', 'spend']) {
      const dashboard = JSON.parse(readFileSync(`deploy/grafana/dashboards/${file}.json`, 'utf8')) as {
        panels: { datasource: { uid: string } }[];
      };
      expect(dashboard.panels.length).toBeGreaterThan(5);
      for (const panel of dashboard.panels)
        expect(['prometheus', 'postgres']).toContain(panel.datasource.uid);
    }
    const scraped = readFileSync('deploy/prometheus/prometheus.yml', 'utf8');
    for (const [name, port] of Object.entries(DEFAULT_METRICS_PORTS))
      expect(scraped).toContain(`${name}:${port}`);
    expect(scraped).toContain('ingress:8080');
  });
});
