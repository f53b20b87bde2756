import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { STACK_SERVICES } from '../../libs/runtime/process-group';
import { eventually } from '../../libs/testing/eventually';
import { freePort } from '../../libs/testing/free-port';
import { deleteStreams, dropDatabase, TEST_PG_SERVER } from '../../libs/testing/stack-cleanup';

/**
 * `npm start`'s supervisor, as a real process with its seven services: a crashed service is
 * restarted while ingress keeps serving, and however the supervisor goes — SIGTERM, SIGHUP to its
 * process group, SIGKILL, a closed stdout — no process of its stack outlives it.
 */
jest.setTimeout(60_000);

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
/** After a restart, time for ingress to find the new process (a request to the old one may fail). */
const SETTLE_MS = 500;
/** From the signal to no process left: a second to notice the supervisor is gone, then a graceful stop. */
const GONE_WITHIN_MS = 5000;

interface LogLine {
  at: number;
  text: string;
}

/** One request of the steady load: when it was sent, when it ended, and whether it was answered. */
interface LoadResult {
  at: number;
  end: number;
  ok: boolean;
}

interface SupervisorRun {
  process: ChildProcess;
  baseUrl: string;
  apiKey: string;
  lines: LogLine[];
  /** The supervisor and each of its services. */
  pids(): number[];
  pidOf(service: string): number;
  cleanUp(): Promise<void>;
}

let run: SupervisorRun | undefined;

afterEach(async () => {
  await run?.cleanUp();
  run = undefined;
});

it('restarts crashed services while ingress serves, and leaves nothing behind on SIGTERM', async () => {
  run = await startSupervisor();
  const load = steadyLoad(run.baseUrl, run.apiKey);
  await load.made(10, Date.now());
  const outages: { from: number; to: number }[] = [];
  for (const service of ['worker-openai-compatible', 'metrics', 'router']) {
    const outage = await crashAndRecover(run, service);
    outages.push(outage);
    await load.made(10, outage.to + SETTLE_MS);
  }
  await load.stop();

  // Only a request in flight while a process was down may have failed.
  const duringOutage = (r: LoadResult) =>
    outages.some(({ from, to }) => r.end >= from && r.at <= to + SETTLE_MS);
  const outside = load.results.filter((r) => !duringOutage(r));
  expect(outside.filter((r) => !r.ok)).toEqual([]);
  expect(load.results.filter((r) => r.ok).length / load.results.length).toBeGreaterThan(0.7);

  const pids = run.pids();
  run.process.kill('SIGTERM');
  await expectGone(pids);
  expect(await exitCodeOf(run.process)).toBe(0);
  expect(run.lines.map((l) => l.text)).toContain('stopping Switchyard (SIGTERM)…');
});

it('stops every service on SIGHUP to its process group', async () => {
  run = await startSupervisor({ ownProcessGroup: true });
  const pids = run.pids();
  process.kill(-run.process.pid!, 'SIGHUP');
  await expectGone(pids);
  // Stopped, rather than killed by the signal as a process without a handler is.
  expect(await exitCodeOf(run.process)).toBe(0);
});

it('leaves no service behind when the supervisor is killed with SIGKILL', async () => {
  run = await startSupervisor();
  const pids = run.pids();
  run.process.kill('SIGKILL');
  await expectGone(pids);
});

it('stops every service when its stdout is closed (`npm start | head`)', async () => {
  run = await startSupervisor();
  const pids = run.pids();
  run.process.stdout!.destroy();
  // A crash makes the supervisor write: that write finds the pipe closed.
  process.kill(run.pidOf('simulator'), 'SIGKILL');
  await expectGone(pids);
  expect(await exitCodeOf(run.process)).toBe(0);
});

async function startSupervisor(options: { ownProcessGroup?: boolean } = {}): Promise<SupervisorRun> {
  const id = randomBytes(4).toString('hex');
  const namespace = `t${id}`;
  const database = `switchyard_test_${id}`;
  const [port, simulatorPort] = await Promise.all([freePort(), freePort()]);
  const apiKey = `sy-test-${id}`;
  const { NODE_OPTIONS: _jest, JEST_WORKER_ID: _worker, ...inherited } = process.env;
  const child = spawn(process.execPath, ['dist/scripts/start-stack.js'], {
    env: {
      ...inherited,
      NATS_URL,
      DATABASE_URL: `${TEST_PG_SERVER}/${database}`,
      SWITCHYARD_NAMESPACE: namespace,
      SWITCHYARD_API_KEYS: apiKey,
      SWITCHYARD_ADMIN_KEY: `sy-admin-test-${id}`,
      SWITCHYARD_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      PORT: String(port),
      HOST: '127.0.0.1',
      SIMULATOR_PORT: String(simulatorPort),
      SIMULATOR_URL: `http://127.0.0.1:${simulatorPort}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownProcessGroup,
  });
  const lines: LogLine[] = [];
  for (const output of [child.stdout!, child.stderr!]) {
    createInterface({ input: output }).on('line', (text) => lines.push({ at: Date.now(), text }));
  }
  const pidOf = (service: string) => {
    const entry = STACK_SERVICES.find((s) => s.name === service)!.entry;
    return Number(execFileSync('pgrep', ['-P', String(child.pid), '-f', entry], { encoding: 'utf8' }));
  };
  const started: SupervisorRun = {
    process: child,
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    apiKey,
    lines,
    pidOf,
    pids: () => [child.pid!, ...STACK_SERVICES.map((s) => pidOf(s.name))],
    cleanUp: async () => {
      // A test that failed half-way must not leave its stack running either.
      if (isRunning(child.pid!)) {
        const left = [child.pid!, ...childrenOf(child.pid!)];
        child.kill('SIGTERM');
        await eventually('the stack to stop', async () => (left.some(isRunning) ? undefined : true), 30_000);
      }
      await Promise.all([deleteStreams(namespace, NATS_URL), dropDatabase(database)]);
    },
  };
  try {
    await eventually(
      'the supervisor to say the stack is serving',
      async () => {
        if (child.exitCode !== null) throw new Error(`the supervisor exited:\n${logOf(lines)}`);
        return lines.some((l) => l.text.startsWith('Switchyard is serving on')) ? true : undefined;
      },
      30_000,
    );
  } catch (error) {
    await started.cleanUp();
    throw error;
  }
  return started;
}

/** Two clients, each sending a request every 25 ms or so, as long as the test needs. */
function steadyLoad(baseUrl: string, apiKey: string) {
  const results: LoadResult[] = [];
  let running = true;
  const client = async () => {
    while (running) {
      const at = Date.now();
      const ok = await chat(baseUrl, apiKey);
      results.push({ at, end: Date.now(), ok });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const clients = [client(), client()];
  return {
    results,
    /** Resolves once `count` requests were made after `since` (whatever their outcome). */
    made: (count: number, since: number) =>
      eventually(`${count} requests after ${new Date(since).toISOString()}`, async () =>
        results.filter((r) => r.at > since).length >= count ? true : undefined,
      ),
    stop: async () => {
      running = false;
      await Promise.all(clients);
    },
  };
}

async function chat(baseUrl: string, apiKey: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        model: 'switchyard/echo',
        messages: [{ role: 'user', content: 'still there' }],
      }),
      signal: AbortSignal.timeout(10_000),
    });
    return response.ok && (await response.text()).includes('Echo: still there');
  } catch {
    return false;
  }
}

/** Kills one service; resolves to the time it was down, once its restart says it is ready again. */
async function crashAndRecover(stack: SupervisorRun, name: string): Promise<{ from: number; to: number }> {
  const service = STACK_SERVICES.find((s) => s.name === name)!;
  const pid = stack.pidOf(name);
  const from = Date.now();
  process.kill(pid, 'SIGKILL');
  const ready = await eventually(`${name} to be ready again`, async () =>
    stack.lines.find((l) => l.at >= from && l.text.startsWith(`${name} is ready again`)),
  );
  const since = stack.lines.filter((l) => l.at >= from).map((l) => l.text);
  expect(since).toContain(`${name} exited unexpectedly (signal SIGKILL); restarting in 100 ms`);
  expect(since.some((text) => text.startsWith(`[${name}] `) && service.ready.test(text))).toBe(true);
  expect(ready.at - from).toBeLessThan(3000);
  expect(stack.pidOf(name)).not.toBe(pid);
  return { from, to: ready.at };
}

async function expectGone(pids: number[]): Promise<void> {
  await eventually(
    'every process of the stack to be gone',
    async () => (pids.some(isRunning) ? undefined : true),
    GONE_WITHIN_MS,
  );
}

function exitCodeOf(child: ChildProcess): Promise<number> {
  return eventually('the supervisor to exit', async () => child.exitCode ?? undefined);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie (dead, not yet reaped by its new parent) holds no ports and runs nothing.
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function logOf(lines: LogLine[]): string {
  return lines.map((l) => l.text).join('\n');
}
