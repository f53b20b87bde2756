import { randomBytes } from 'node:crypto';
import {
  ensureLocalApiKey,
  ensureLocalSecret,
  LOCAL_ADMIN_KEY_FILE,
  LOCAL_ENCRYPTION_KEY_FILE,
} from '../libs/auth/local-api-key';
import { preflight } from '../libs/runtime/preflight';
import { watchParent } from '../libs/runtime/parent-watch';
import { STACK_SERVICES } from '../libs/runtime/process-group';
import { StackSupervisor } from '../libs/runtime/stack-supervisor';
import { watchAndRestart } from './dev-watch';
import type { ChildProcess } from 'node:child_process';

/** `npm run dev`: rebuild on change and restart what changed. */
const WATCH = process.argv.includes('--watch');

const DEFAULTS = {
  NATS_URL: 'nats://127.0.0.1:4222',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/switchyard',
  PORT: '8080',
};

/**
 * `npm start`: the whole stack in the foreground, one process per service, each restarted if it
 * crashes; Ctrl-C (or SIGTERM, SIGHUP) stops all. `npm run dev` (`--watch`) also rebuilds on every
 * change of the sources and restarts the services the change touched.
 */
async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...DEFAULTS, ...process.env };
  const problems = await preflight(env.NATS_URL!, env.DATABASE_URL!);
  if (problems.length > 0) {
    console.error(`Switchyard cannot start:\n\n${problems.join('\n\n')}\n`);
    process.exit(1);
  }
  const generatedKey = env.SWITCHYARD_API_KEYS ? undefined : ensureLocalApiKey();
  if (generatedKey) env.SWITCHYARD_API_KEYS = generatedKey;
  // The keys API and BYOK work out of the box locally; production sets both (see deploy/).
  env.SWITCHYARD_ADMIN_KEY ??= ensureLocalSecret(
    LOCAL_ADMIN_KEY_FILE,
    () => `sy-admin-${randomBytes(24).toString('base64url')}`,
  );
  env.SWITCHYARD_ENCRYPTION_KEY ??= ensureLocalSecret(LOCAL_ENCRYPTION_KEY_FILE, () =>
    randomBytes(32).toString('hex'),
  );

  const supervisor = new StackSupervisor(env);
  let compiler: ChildProcess | undefined;
  let stopping = false;
  const stop = (why: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    compiler?.kill();
    console.log(`\nstopping Switchyard (${why})…`);
    void supervisor.stop().then(() => process.exit(exitCode));
  };
  // SIGHUP too: a closed terminal must not leave the stack running with nobody to stop it.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
  // A reader that went away (`npm start | head`, once head exits) makes every write fail with EPIPE,
  // which would otherwise kill this process alone and leave the services behind, holding their
  // ports. Stopping is the choice: a stack whose log goes nowhere is one nobody knows is running.
  for (const output of [process.stdout, process.stderr]) output.on('error', () => stop('output closed'));
  // `kill -TERM` of `npm start` reaches only the shell npm runs us through (npm 11), which dies and
  // leaves this process to init; so does a parent killed with SIGKILL. Its going is a stop.
  watchParent(process.ppid, () => stop('parent exited'));

  try {
    await supervisor.start(STACK_SERVICES);
  } catch (error) {
    // A start cut short by a stop asked for meanwhile did not fail.
    if (!stopping) console.error(`Switchyard cannot start: ${(error as Error).message}`);
    stop('start failed', 1);
  }
  if (stopping) return;
  printBanner(env, generatedKey !== undefined);
  if (WATCH) {
    compiler = watchAndRestart(supervisor);
    console.log('Watching the sources: a service is rebuilt and restarted when its code changes.');
  }
}

/** Keys are never printed (output ends up in logs): the banner says where they are kept. */
function printBanner(env: NodeJS.ProcessEnv, generatedKey: boolean): void {
  const base = `http://127.0.0.1:${env.PORT}/api/v1`;
  const key = generatedKey ? '$(cat .switchyard/api-key)' : '<one of SWITCHYARD_API_KEYS>';
  console.log(
    [
      '',
      `Switchyard is serving on ${base}`,
      generatedKey ? 'API key: generated, kept in .switchyard/api-key' : 'API keys: SWITCHYARD_API_KEYS',
      process.env.SWITCHYARD_ADMIN_KEY
        ? 'Admin key (keys API): SWITCHYARD_ADMIN_KEY'
        : 'Admin key (keys API): generated, kept in .switchyard/admin-key',
      '',
      'Try it (switchyard/echo is the built-in simulator, not a real model):',
      `  curl ${base}/chat/completions -H "Authorization: Bearer ${key}" \\`,
      `    -H "Content-Type: application/json" \\`,
      `    -d '{"model":"switchyard/echo","messages":[{"role":"user","content":"Hello"}]}'`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

void main();
