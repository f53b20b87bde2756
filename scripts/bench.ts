import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { createKey } from '../libs/testing/keys-api';
import { startTestStack } from '../libs/testing/test-stack';

/**
 * `npm run bench`: what the gateway adds to calling the provider directly. The same open-loop load
 * (a fixed arrival rate, so slow answers cannot slow the load down) goes first straight to the
 * simulator, then through the whole stack; the difference of the latency percentiles is the
 * gateway's cost. Options: BENCH_RATE (requests/s, default 500), BENCH_SECONDS (default 20),
 * BENCH_WARMUP_SECONDS (default 30), BENCH_STREAM=1 to measure streamed answers (time to the last byte),
 * BENCH_KEY=bootstrap to send with a key that has no limits (by default the requests go with a
 * managed key that has a daily spend limit and rate limits, so admission does all its work), or
 * BENCH_KEY=both to measure the two side by side: alternating 5 s slices of each, so that what the
 * machine does meanwhile weighs on both alike.
 *
 * Each run is warmed up at the same rate first. V8 recompiles the hot code with its optimizing
 * compiler after some ten thousand requests, in every service at once, and for a few hundred ms
 * its compile threads take both cores. That happens once per process start; the warm-up lets it
 * pass, so the numbers are the steady state.
 */
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 30);
const STREAM = process.env.BENCH_STREAM === '1';
const KEYS = process.env.BENCH_KEY ?? 'capped';
const SLICE_SECONDS = 5;

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
  origin: string;
  path: string;
  model: string;
  headers: Record<string, string>;
}

async function main(): Promise<void> {
  const stack = await startTestStack({ catalog: BENCH_CATALOG });
  try {
    const body = (model: string) =>
      JSON.stringify({
        model,
        stream: STREAM,
        ...(STREAM ? { stream_options: { include_usage: true } } : {}),
        messages: [{ role: 'user', content: 'Measure the gateway, not the model.' }],
      });
    const direct: Target = {
      origin: stack.simulatorUrl,
      path: '/v1/chat/completions',
      model: 'echo',
      headers: {},
    };
    const viaGateway = (key: string): Target => ({
      origin: new URL(stack.baseUrl).origin,
      path: '/api/v1/chat/completions',
      model: 'switchyard/echo',
      headers: { authorization: `Bearer ${key}` },
    });
    const kind = STREAM ? 'streaming' : 'non-streaming';
    const keys = { capped: 'a key with a spend limit and rate limits', bootstrap: 'a key without limits' };
    console.log(
      `open loop at ${RATE} req/s, ${WARMUP_SECONDS} s of warm-up then ${SECONDS} s measured, ${kind}, ` +
        (KEYS === 'both'
          ? `${keys.bootstrap} and ${keys.capped}, side by side`
          : keys[KEYS as keyof typeof keys]),
    );
    const directRun = await run(direct, body(direct.model));
    const pids = new Map([...stack.pids(), ['nats-server', natsServerPid()]]);
    if (KEYS === 'both') {
      const targets = { bootstrap: viaGateway(stack.apiKey), capped: viaGateway(await cappedKey(stack)) };
      await sideBySide(targets, body('switchyard/echo'), directRun, pids);
      return;
    }
    const gateway = viaGateway(KEYS === 'bootstrap' ? stack.apiKey : await cappedKey(stack));
    let before = new Map<string, number>();
    const gatewayRun = await run(gateway, body(gateway.model), () => (before = cpuTimes(pids)));
    report(directRun, gatewayRun);
    reportCpu(before, cpuTimes(pids), gatewayRun.latencies.length + gatewayRun.errors);
  } finally {
    await stack.stop();
  }
}

/** Limits far above what the run spends or sends, so that every request is admitted, and checked. */
async function cappedKey(stack: Parameters<typeof createKey>[0]): Promise<string> {
  const { key } = await createKey(stack, {
    name: 'bench',
    limit: 100_000,
    limit_reset: 'daily',
    rate_limit: { requests: 10_000_000, tokens: 1_000_000_000 },
  });
  return key;
}

interface RunResult {
  latencies: number[];
  errors: number;
}

/** Warms up, then measures; `measuring` is called in between. */
async function run(target: Target, body: string, measuring?: () => void): Promise<RunResult> {
  const { send, close } = sender(target, body);
  await load(send, WARMUP_SECONDS);
  measuring?.();
  const result = await load(send, SECONDS);
  await close();
  return result;
}

function sender(target: Target, body: string) {
  const pool = new Pool(target.origin, { connections: 128, pipelining: 1 });
  const headers = { 'content-type': 'application/json', ...target.headers };
  const send = async (): Promise<number> => {
    const started = performance.now();
    const response = await pool.request({ method: 'POST', path: target.path, headers, body });
    await response.body.text();
    if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
    return performance.now() - started;
  };
  return { send, close: () => pool.close() };
}

/** Both keys through the same stack: warmed up together, then measured in alternating slices. */
async function sideBySide(
  targets: Record<'bootstrap' | 'capped', Target>,
  body: string,
  direct: RunResult,
  pids: Map<string, number>,
): Promise<void> {
  const senders = { bootstrap: sender(targets.bootstrap, body), capped: sender(targets.capped, body) };
  for (const name of ['bootstrap', 'capped'] as const) await load(senders[name].send, WARMUP_SECONDS / 2);
  const results = { bootstrap: { latencies: [], errors: 0 }, capped: { latencies: [], errors: 0 } } as Record<
    'bootstrap' | 'capped',
    RunResult
  >;
  const cpu = { bootstrap: new Map<string, number>(), capped: new Map<string, number>() };
  for (let slice = 0; slice < Math.max(2, Math.round((2 * SECONDS) / SLICE_SECONDS)); slice++) {
    const name = slice % 2 === 0 ? 'bootstrap' : 'capped';
    const before = cpuTimes(pids);
    const { latencies, errors } = await load(senders[name].send, SLICE_SECONDS);
    for (const [process, end] of cpuTimes(pids)) {
      cpu[name].set(process, (cpu[name].get(process) ?? 0) + end - (before.get(process) ?? end));
    }
    results[name].latencies.push(...latencies);
    results[name].errors += errors;
  }
  for (const name of ['bootstrap', 'capped'] as const) {
    console.log(
      `\n${name === 'bootstrap' ? 'a key without limits' : 'a key with a spend limit and rate limits'}:`,
    );
    report(direct, results[name]);
    const zero = new Map([...cpu[name].keys()].map((process) => [process, 0]));
    reportCpu(zero, cpu[name], results[name].latencies.length + results[name].errors);
  }
  await Promise.all(Object.values(senders).map((s) => s.close()));
}

/** Starts request i at exactly i/RATE seconds, whatever the earlier ones are doing. */
async function load(send: () => Promise<number>, seconds: number): Promise<RunResult> {
  const total = Math.round(RATE * seconds);
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      send().then(
        (ms) => void latencies.push(ms),
        () => void errors++,
      ),
    );
  }
  await Promise.all(inFlight);
  return { latencies, errors };
}

/** CPU time (user + system, ms) each process has used so far, from /proc. */
function cpuTimes(pids: Map<string, number>): Map<string, number> {
  const ticksPerMs = 100 / 1000;
  const times = new Map<string, number>();
  for (const [name, pid] of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      times.set(name, (Number(fields[11]) + Number(fields[12])) / ticksPerMs);
    } catch {
      // Not on Linux, or the process is gone: no CPU column for it.
    }
  }
  return times;
}

function natsServerPid(): number {
  try {
    return Number(execFileSync('pgrep', ['-o', 'nats-server'], { encoding: 'utf8' }).trim());
  } catch {
    return 0;
  }
}

/** Where the time goes: CPU per request in each process, over the measured part of the gateway run. */
function reportCpu(before: Map<string, number>, after: Map<string, number>, requests: number): void {
  console.log('\nCPU per request during the gateway run (ms):');
  for (const [name, end] of after) {
    const used = end - (before.get(name) ?? end);
    console.log(`  ${name.padEnd(26)} ${(used / requests).toFixed(3)}`);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function report(direct: RunResult, gateway: RunResult): void {
  const d = [...direct.latencies].sort((a, b) => a - b);
  const g = [...gateway.latencies].sort((a, b) => a - b);
  const row = (name: string, p: number) =>
    `${name.padEnd(6)} ${percentile(d, p).toFixed(2).padStart(9)} ${percentile(g, p).toFixed(2).padStart(9)} ${(percentile(g, p) - percentile(d, p)).toFixed(2).padStart(9)}`;
  console.log(`\n${'ms'.padEnd(6)} ${'direct'.padStart(9)} ${'gateway'.padStart(9)} ${'added'.padStart(9)}`);
  for (const p of [50, 90, 99, 99.9]) console.log(row(`p${p}`, p));
  console.log(
    `\nrequests: direct ${d.length} (${direct.errors} errors), gateway ${g.length} (${gateway.errors} errors)`,
  );
}

void main();
