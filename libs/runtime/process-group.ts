import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { STOP_GRACE_MS, SUPERVISOR_PID_ENV } from './parent-watch';

export interface ServiceProcess {
  name: string;
  /** The compiled entry point, relative to the repository root. */
  entry: string;
  /** A line the service prints once it is ready to serve. */
  ready: RegExp;
}

/** Every process of a local stack, in start order: the providers first, the front door last. */
export const STACK_SERVICES: readonly ServiceProcess[] = [
  { name: 'simulator', entry: 'dist/services/simulator/main.js', ready: /simulator listening/ },
  { name: 'metrics', entry: 'dist/services/metrics/main.js', ready: /metrics ready/ },
  { name: 'router', entry: 'dist/services/router/main.js', ready: /publishing health/ },
  {
    name: 'worker-openai-compatible',
    entry: 'dist/services/workers/openai-compatible/main.js',
    ready: /serving providers/,
  },
  { name: 'worker-gemini', entry: 'dist/services/workers/gemini/main.js', ready: /serving providers/ },
  {
    name: 'worker-anthropic',
    entry: 'dist/services/workers/anthropic/main.js',
    ready: /serving providers/,
  },
  { name: 'ingress', entry: 'dist/services/ingress/main.js', ready: /ingress listening/ },
];

/** How a process ended: its exit code, or the signal that killed it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ProcessGroupOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where each line of output goes; by default, stdout with the service's name in front. */
  log?: (service: string, line: string) => void;
  /** Called when a service exits without having been asked to stop. */
  onUnexpectedExit?: (service: ServiceProcess, exit: ProcessExit) => void;
}

/**
 * Node flags for every service. A young generation capped at 8 MB keeps each scavenge near a
 * millisecond; V8's default on a large machine (up to 32 MB) makes rarer pauses of 5–15 ms, which
 * showed as the gateway's p99 in the benchmark. The Dockerfile sets the same. More flags for every
 * service (`--cpu-prof --cpu-prof-dir=…` to profile) come from SWITCHYARD_SERVICE_NODE_FLAGS.
 */
export const SERVICE_NODE_FLAGS = [
  '--enable-source-maps',
  '--max-semi-space-size=8',
  ...(process.env.SWITCHYARD_SERVICE_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
];

const READY_TIMEOUT_MS = 30_000;

/** Runs services as child processes with prefixed logs, waits for them to be ready, stops them cleanly. */
export class ProcessGroup {
  private readonly running = new Map<string, ChildProcess>();
  private readonly stopping = new Set<string>();
  /** Names in first-start order: a service restarted later still stops in its place. */
  private readonly order: string[] = [];

  constructor(private readonly options: ProcessGroupOptions) {}

  async start(service: ServiceProcess, extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
    const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, service.entry], {
      cwd: this.options.cwd,
      // Each service watches this pid and stops when it is gone (see parent-watch).
      env: { ...this.options.env, ...extraEnv, [SUPERVISOR_PID_ENV]: String(process.pid) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.running.set(service.name, child);
    if (!this.order.includes(service.name)) this.order.push(service.name);
    const log = this.options.log ?? ((name, line) => process.stdout.write(`[${name}] ${line}\n`));
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`${service.name} was not ready within ${READY_TIMEOUT_MS} ms`));
        // Stuck, it would hold its ports for nothing; its exit then counts as a crash like any other.
        child.kill('SIGKILL');
      }, READY_TIMEOUT_MS);
      const onLine = (line: string) => {
        log(service.name, line);
        if (service.ready.test(line)) {
          clearTimeout(timer);
          resolve();
        }
      };
      createInterface({ input: child.stdout! }).on('line', onLine);
      createInterface({ input: child.stderr! }).on('line', onLine);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        this.running.delete(service.name);
        reject(new Error(`${service.name} exited (${describeExit({ code, signal })}) before it was ready`));
        if (!this.stopping.delete(service.name)) this.options.onUnexpectedExit?.(service, { code, signal });
      });
    });
    await ready;
  }

  /** The process id of each running service. */
  pids(): Map<string, number> {
    return new Map([...this.running].map(([name, child]) => [name, child.pid ?? 0]));
  }

  async stop(name: string): Promise<void> {
    const child = this.running.get(name);
    if (!child || child.exitCode !== null) return;
    this.stopping.add(name);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }

  /** Stops in reverse start order, so the front door closes before what it depends on. */
  async stopAll(): Promise<void> {
    for (const name of [...this.order].reverse()) await this.stop(name);
  }
}

export function describeExit({ code, signal }: ProcessExit): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}
