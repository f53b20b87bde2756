import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';

/**
 * The Kubernetes manifests as `kubectl kustomize` renders each overlay, against the invariants an
 * operator relies on. kubectl comes from Debian's kubernetes-client (.ci/run installs it).
 */
interface Manifest {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown> & {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: { spec: { containers: Container[] } };
  };
  data?: Record<string, string>;
}

interface Container {
  name: string;
  args?: string[];
  ports?: { name: string; containerPort: number }[];
  readinessProbe?: { httpGet: { path: string; port: string } };
  livenessProbe?: { httpGet: { path: string; port: string } };
  env?: { name: string; value?: string }[];
}

const render = (overlay: string): Manifest[] =>
  parseAllDocuments(
    execFileSync('kubectl', ['kustomize', `deploy/k8s/overlays/${overlay}`], { encoding: 'utf8' }),
  )
    .map((doc) => doc.toJS() as Manifest)
    .filter(Boolean);

const SERVICES = [
  'ingress',
  'router',
  'metrics',
  'worker-openai-compatible',
  'worker-anthropic',
  'worker-gemini',
];
/** The ports the code listens on (libs/observability DEFAULT_METRICS_PORTS, ingress PORT). */
const METRICS_PORTS: Record<string, number> = {
  router: 9101,
  metrics: 9102,
  'worker-openai-compatible': 9103,
  'worker-anthropic': 9104,
  'worker-gemini': 9105,
};

describe.each(['dev', 'prod'])('the %s overlay', (overlay) => {
  const manifests = render(overlay);
  const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
  const deployment = (name: string) => ofKind('Deployment').find((d) => d.metadata.name === name)!;

  it('deploys every service, each probed on /health/live and /health/ready', () => {
    for (const name of SERVICES) {
      const [container] = deployment(name).spec!.template!.spec.containers;
      expect({
        name,
        live: container.livenessProbe?.httpGet.path,
        ready: container.readinessProbe?.httpGet.path,
      }).toEqual({
        name,
        live: '/health/live',
        ready: '/health/ready',
      });
      const port = name === 'ingress' ? 'http' : 'metrics';
      expect(container.ports?.map((p) => p.name)).toContain(port);
      if (METRICS_PORTS[name]) {
        expect(container.ports?.find((p) => p.name === 'metrics')?.containerPort).toBe(METRICS_PORTS[name]);
      }
    }
  });

  it('gives every scaled service a disruption budget that selects it', () => {
    const budgets = ofKind('PodDisruptionBudget');
    for (const name of SERVICES) {
      const labels = deployment(name).spec!.selector!.matchLabels!;
      const budget = budgets.find((b) =>
        Object.entries(b.spec!.selector!.matchLabels!).every(([key, value]) => labels[key] === value),
      );
      expect({ name, budget: budget?.metadata.name }).toEqual({ name, budget: name });
    }
  });

  it('configures JetStream replicas for the cluster it expects', () => {
    const env = ofKind('ConfigMap').find((c) => c.metadata.name.startsWith('switchyard-env'))!.data!;
    expect(env.SWITCHYARD_JETSTREAM_REPLICAS).toBe(overlay === 'prod' ? '3' : '1');
  });
});

describe('the prod overlay', () => {
  const manifests = render('prod');
  const env = manifests.find(
    (m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith('switchyard-env'),
  )!.data!;

  it('migrates with a Job, not at every start', () => {
    expect(env.SWITCHYARD_MIGRATE_AT_START).toBe('false');
    const job = manifests.find((m) => m.kind === 'Job' && m.metadata.name === 'migrate')!;
    expect(job.spec!.template!.spec.containers[0].args).toEqual(['dist/services/metrics/migrate.js']);
  });

  it('has a ServiceMonitor for every service, on a Service that publishes its metrics port', () => {
    const monitors = manifests.filter((m) => m.kind === 'ServiceMonitor');
    const services = manifests.filter((m) => m.kind === 'Service');
    for (const name of SERVICES) {
      const monitor = monitors.find((m) => m.metadata.name === name)!;
      const selector = (monitor.spec!.selector as { matchLabels: Record<string, string> }).matchLabels;
      const matched = services.filter((s) =>
        Object.entries(selector).every(([key, value]) => s.metadata.labels?.[key] === value),
      );
      expect({ name, services: matched.length }).toEqual({ name, services: 1 });
    }
  });

  it('ships no simulator', () => {
    expect(manifests.some((m) => m.metadata.name === 'simulator')).toBe(false);
  });
});
