import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readinessReport } from './readiness';
import type { ServiceMetrics } from './service-metrics';

/**
 * `/metrics` (Prometheus text), `/health/live` (the process serves: never depends on NATS or
 * Postgres, so their outage restarts nothing) and `/health/ready` (200 or 503, a JSON body naming
 * each check) for a service without an HTTP API of its own: the router, the workers, metrics.
 */
export async function startMetricsListener(
  metrics: ServiceMetrics,
  port: number,
  host: string,
): Promise<Server> {
  const server = createServer((req, res) => {
    void answer(metrics, req.url ?? '/').then(({ status, type, body }) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

export const listenerPort = (server: Server) => (server.address() as AddressInfo).port;

/** The answers of the three routes, shared with ingress, which serves them on its own port. */
export async function answer(
  metrics: ServiceMetrics,
  path: string,
): Promise<{ status: number; type: string; body: string }> {
  const json = 'application/json; charset=utf-8';
  switch (path.split('?')[0]) {
    case '/metrics':
      return { status: 200, type: metrics.registry.contentType, body: await metrics.registry.metrics() };
    case '/health/live':
      return { status: 200, type: json, body: JSON.stringify({ status: 'live', service: metrics.service }) };
    case '/health/ready': {
      const report = await readinessReport(metrics.readinessChecks);
      return { status: report.status === 'ready' ? 200 : 503, type: json, body: JSON.stringify(report) };
    }
    default:
      return {
        status: 404,
        type: json,
        body: JSON.stringify({ error: { code: 404, message: 'Not found' } }),
      };
  }
}
