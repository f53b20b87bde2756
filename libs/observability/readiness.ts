/** One thing a service needs before it can serve: NATS connected, Postgres reachable, … */
export interface ReadinessCheck {
  name: string;
  /** True when met; a check that throws or takes longer than CHECK_TIMEOUT_MS is failing. */
  check(): boolean | Promise<boolean>;
}

export interface ReadinessReport {
  status: 'ready' | 'not ready';
  checks: Record<string, 'ok' | 'failing'>;
}

/** A check that hangs (a half-open socket) must not hang the probe: Kubernetes waits 1 s by default. */
export const CHECK_TIMEOUT_MS = 800;

/** Runs every check at once, each bounded by CHECK_TIMEOUT_MS; ready when all pass. */
export async function readinessReport(checks: readonly ReadinessCheck[]): Promise<ReadinessReport> {
  const results = await Promise.all(checks.map((c) => withTimeout(c)));
  const report: ReadinessReport = { status: 'ready', checks: {} };
  checks.forEach((c, index) => {
    report.checks[c.name] = results[index] ? 'ok' : 'failing';
    if (!results[index]) report.status = 'not ready';
  });
  return report;
}

async function withTimeout(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([Promise.resolve().then(() => check.check()), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
