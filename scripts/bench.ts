import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { Pool } from 'undici';
import { freePort } from '../libs/testing/free-port';
import { createKey } from '../libs/testing/keys-api';
import { startTestStack, type TestStack } from '../libs/testing/test-stack';
import { frontier } from './bench/frontier';
import type { PointResult } from './bench/latency-summary';
import { resultsMarkdown, type ProcessUse } from './bench/results-markdown';
import { soakMarkdown, type SoakSample } from './bench/soak-markdown';

/**
 * `npm run bench`: what a gateway adds to calling the provider directly, side by side in one run.
 * The same open-loop load (a fixed arrival rate, so slow answers cannot slow the load down) goes to
 * the simulator directly, through Switchyard (with a key that has a spend limit and rate limits,
 * so admission does all its work) and through Portkey's open-source gateway pointed at the same
 * simulator — interleaved at each rate, with a pause between points so that one point's backlog
 * does not weigh on the next. Rates step up until a target is overloaded (errors, or p99 over 200 ms). Writes
 * `bench/results.md` (BENCH_OUTPUT) and prints it.
 *
 * Options: BENCH_RATES (requests/s, default 100,250,500,750,1000,1250,1500), BENCH_SECONDS per point
 * (10), BENCH_WARMUP_SECONDS per target (20), BENCH_STREAM=1 for streamed answers, BENCH_KEY=bootstrap
 * for a Switchyard key without limits, BENCH_TARGETS (default direct,switchyard,portkey).
 *
 * Soak mode, BENCH_SOAK=<requests> (e.g. 200000): Switchyard alone at BENCH_SOAK_RATE (500) req/s
 * for that many requests, in stretches of 20,000, with each process's RSS after each stretch and
 * its growth over the run; writes `bench/soak.md`.
 *
 * The warm-up matters: after some ten thousand requests V8 recompiles the hot code with its
 * optimizing compiler in every process at once, and for a few hundred ms that takes both cores.
 */
const RATES = (process.env.BENCH_RATES ?? '100,250,500,750,1000,1250,1500').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 20);
const PAUSE_MS = 2000;
const STREAM = process.env.BENCH_STREAM === '1';
const KEY = process.env.BENCH_KEY ?? 'capped';
const TARGETS = (process.env.BENCH_TARGETS ?? 'direct,switchyard,portkey').split(',');
const SOAK_REQUESTS = Number(process.env.BENCH_SOAK ?? 0);
const SOAK_RATE = Number(process.env.BENCH_SOAK_RATE ?? 500);
const SOAK_STRETCH = 20_000;
const OUTPUT = process.env.BENCH_OUTPUT ?? (SOAK_REQUESTS > 0 ? 'bench/soak.md' : 'bench/results.md');
/** CPU and memory are reported at this rate (or the nearest measured). */
const USAGE_RATE = 500;
/** A target is not pushed past a rate at which it was overloaded: errors, or a p99 this long. */
const OVERLOADED_P99_MS = 200;

/** Only the simulator: the benchmark measures the gateway, whatever the default catalog holds. */
const BENCH_CATALOG = `
providers:
  simulator: { name: Simulator, family: openai-compatible, base_url: '{{SIMULATOR}}/v1' }
models:
  switchyard/echo:
    name: Echo
    context_length: 32768
    endpoints:
      - { provider: simulator, upstream_model: echo, pricing: { prompt: 1, completion: 2 } }
`;

interface Target {
  name: string;
  origin: string;
  path: string;
  model: string;
  headers: Record<string, string>;
  /** The processes whose CPU and memory the target costs (the simulator is every target's upstream: not counted). */
  pids: Map<string, number>;
}

async function main(): Promise<void> {
  const stack = await startTestStack({
    catalog: BENCH_CATALOG,
    without: ['worker-gemini', 'worker-anthropic'],
  });
  let portkey: ChildProcess | undefined;
  try {
    if (SOAK_REQUESTS > 0) return await soak(await switchyardTarget(stack));
    const targets: Target[] = [];
    if (TARGETS.includes('direct')) targets.push(directTarget(stack));
    if (TARGETS.includes('switchyard')) targets.push(await switchyardTarget(stack));
    if (TARGETS.includes('portkey')) {
      const started = await startPortkey(stack.simulatorUrl);
      portkey = started.process;
      targets.push(started.target());
    }
    console.log(
      `open loop, ${STREAM ? 'streaming' : 'non-streaming'}, rates ${RATES.join(', ')} req/s, ` +
        `${SECONDS} s a point, ${WARMUP_SECONDS} s of warm-up a target`,
    );
    const points = new Map(targets.map((t) => [t.name, new Map<number, PointResult>()]));
    const usage = new Map<string, Map<string, ProcessUse>>();
    const usageRate = RATES.reduce((best, r) =>
      Math.abs(r - USAGE_RATE) < Math.abs(best - USAGE_RATE) ? r : best,
    );
    const senders = new Map(targets.map((t) => [t.name, sender(t)]));
    for (const target of targets)
      await load(senders.get(target.name)!, Math.min(USAGE_RATE, RATES.at(-1)!), WARMUP_SECONDS);
    for (const rate of RATES) {
      for (const target of targets) {
        const measured = points.get(target.name)!;
        if (!stillHolding(measured)) continue;
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
        const before = cpuTimes(target.pids);
        const point = await load(senders.get(target.name)!, rate, SECONDS);
        measured.set(rate, point);
        if (rate === usageRate && target.name !== 'direct') {
          usage.set(target.name, processUse(target.pids, before, point.latencies.length + point.errors));
        }
        console.log(
          `  ${rate} req/s ${target.name}: ${point.latencies.length} answered, ${point.errors} errors`,
        );
      }
    }
    await Promise.all([...senders.values()].map((s) => s.close()));
    const markdown = resultsMarkdown({
      date: new Date().toISOString().slice(0, 10),
      machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`,
      command: 'npm run bench' + (STREAM ? ' (BENCH_STREAM=1)' : ''),
      stream: STREAM,
      seconds: SECONDS,
      points,
      usage,
      usageRate,
    });
    mkdirSync(dirname(OUTPUT), { recursive: true });
    writeFileSync(OUTPUT, markdown);
    console.log(`\n${markdown}`);
  } finally {
    portkey?.kill('SIGTERM');
    await stack.stop();
  }
}

/** Switchyard under steady load for SOAK_REQUESTS requests: RSS per process after each stretch. */
async function soak(target: Target): Promise<void> {
  console.log(`soak: ${SOAK_REQUESTS} requests at ${SOAK_RATE} req/s, RSS after every ${SOAK_STRETCH}`);
  const send = sender(target);
  const samples: SoakSample[] = [];
  for (let sent = 0; sent < SOAK_REQUESTS;) {
    const requests = Math.min(SOAK_STRETCH, SOAK_REQUESTS - sent);
    const point = await load(send, SOAK_RATE, requests / SOAK_RATE);
    sent += requests;
    const rss = new Map([...target.pids].map(([name, pid]) => [name, rssMb(pid)]));
    samples.push({ requestsSoFar: sent, point, rssMb: rss });
    console.log(
      `  ${sent} requests, ${point.errors} errors; RSS ${[...rss].map(([n, mb]) => `${n} ${mb.toFixed(0)}`).join(', ')}`,
    );
  }
  await send.close();
  const markdown = soakMarkdown({
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`,
    rate: SOAK_RATE,
    samples,
  });
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, markdown);
  console.log(`\n${markdown}`);
}

/** Whether a target kept up at every rate so far (else higher rates are not tried). */
function stillHolding(measured: Map<number, PointResult>): boolean {
  return measured.size === 0 || frontier(measured, OVERLOADED_P99_MS) === Math.max(...measured.keys());
}

function directTarget(stack: TestStack): Target {
  const pids = new Map([['simulator', stack.pids().get('simulator')!]]);
  return {
    name: 'direct',
    origin: stack.simulatorUrl,
    path: '/v1/chat/completions',
    model: 'echo',
    headers: {},
    pids,
  };
}

async function switchyardTarget(stack: TestStack): Promise<Target> {
  const key = KEY === 'bootstrap' ? stack.apiKey : await cappedKey(stack);
  const pids = new Map([...stack.pids(), ['nats-server', natsServerPid()]]);
  pids.delete('simulator');
  return {
    name: 'switchyard',
    origin: new URL(stack.baseUrl).origin,
    path: '/api/v1/chat/completions',
    model: 'switchyard/echo',
    headers: { authorization: `Bearer ${key}` },
    pids,
  };
}

/** Limits far above what the run spends or sends, so that every request is admitted, and checked. */
async function cappedKey(stack: TestStack): Promise<string> {
  const { key } = await createKey(stack, {
    name: 'bench',
    limit: 100_000,
    limit_reset: 'daily',
    rate_limit: { requests: 10_000_000, tokens: 1_000_000_000 },
  });
  return key;
}

/** Portkey's gateway (`@portkey-ai/gateway`, a dev dependency) on a port of its own, the simulator as its custom host. */
async function startPortkey(simulatorUrl: string) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['node_modules/@portkey-ai/gateway/build/start-server.js', `--port=${port}`, '--headless'],
    { env: { ...process.env, NODE_ENV: 'production' }, stdio: 'ignore' },
  );
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (
    !(await fetch(`${origin}/`).then(
      () => true,
      () => false,
    ))
  ) {
    if (Date.now() > deadline) throw new Error('Portkey gateway did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    process: child,
    target: (): Target => ({
      name: 'portkey',
      origin,
      path: '/v1/chat/completions',
      model: 'echo',
      headers: {
        authorization: 'Bearer simulator',
        'x-portkey-provider': 'openai',
        'x-portkey-custom-host': `${simulatorUrl}/v1`,
      },
      pids: new Map([['portkey', child.pid!]]),
    }),
  };
}

interface Sender {
  /** Resolves to [ms to the first data event (SSE comments are no token), ms to the last]; rejects on a failed answer. */
  send(): Promise<[number, number]>;
  close(): Promise<void>;
}

function sender(target: Target): Sender {
  const pool = new Pool(target.origin, { connections: 256, pipelining: 1 });
  const headers = { 'content-type': 'application/json', ...target.headers };
  const body = JSON.stringify({
    model: target.model,
    stream: STREAM,
    ...(STREAM ? { stream_options: { include_usage: true } } : {}),
    messages: [{ role: 'user', content: 'Measure the gateway, not the model.' }],
  });
  return {
    send: async () => {
      const started = performance.now();
      const response = await pool.request({ method: 'POST', path: target.path, headers, body });
      let firstByte = 0;
      for await (const chunk of response.body)
        if (firstByte === 0 && (STREAM ? chunk.includes('data:') : chunk.length > 0))
          firstByte = performance.now();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      return [firstByte - started, performance.now() - started];
    },
    close: () => pool.close(),
  };
}

/** Starts request i at exactly i/rate seconds, whatever the earlier ones are doing. */
async function load(target: Sender, rate: number, seconds: number): Promise<PointResult> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  const firstBytes: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      target.send().then(
        ([first, last]) => {
          firstBytes.push(first);
          latencies.push(last);
        },
        () => void errors++,
      ),
    );
  }
  await Promise.all(inFlight);
  return {
    latencies,
    firstBytes,
    errors,
    achievedRate: (latencies.length * 1000) / (performance.now() - start),
  };
}

/** CPU time (user + system, ms) each process has used so far, from /proc. */
function cpuTimes(pids: Map<string, number>): Map<string, number> {
  const msPerTick = 1000 / 100;
  const times = new Map<string, number>();
  for (const [name, pid] of pids) {
    const fields = procStat(pid);
    if (fields) times.set(name, (Number(fields[11]) + Number(fields[12])) * msPerTick);
  }
  return times;
}

function procStat(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  } catch {
    // Not on Linux, or the process is gone: no column for it.
    return null;
  }
}

function rssMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
    return line ? Number(line[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function processUse(
  pids: Map<string, number>,
  before: Map<string, number>,
  requests: number,
): Map<string, ProcessUse> {
  const after = cpuTimes(pids);
  const use = new Map<string, ProcessUse>();
  for (const [name, end] of after) {
    const cpuPerRequestMs = (end - (before.get(name) ?? end)) / Math.max(1, requests);
    use.set(name, { cpuPerRequestMs, rssMb: rssMb(pids.get(name)!) });
  }
  return use;
}

function natsServerPid(): number {
  try {
    return Number(execFileSync('pgrep', ['-o', 'nats-server'], { encoding: 'utf8' }).trim());
  } catch {
    return 0;
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
