import { randomBytes } from 'node:crypto';
import {
  ensureLocalApiKey,
  ensureLocalSecret,
  LOCAL_ADMIN_KEY_FILE,
  LOCAL_ENCRYPTION_KEY_FILE,
} from '../libs/auth/local-api-key';
import { preflight } from '../libs/runtime/preflight';
import { ProcessGroup, STACK_SERVICES } from '../libs/runtime/process-group';

const DEFAULTS = {
  NATS_URL: 'nats://127.0.0.1:4222',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/switchyard',
  PORT: '8080',
};

/** `npm start`: the whole stack in the foreground, one process per service, Ctrl-C stops all. */
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

  let shuttingDown = false;
  const group = new ProcessGroup({
    env,
    onUnexpectedExit: (service, code) => {
      if (shuttingDown) return;
      shuttingDown = true;
      console.error(`${service} stopped unexpectedly (exit code ${code}); stopping the stack.`);
      void group.stopAll().then(() => process.exit(1));
    },
  });
  const shutdown = () => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nstopping Switchyard…');
    void group.stopAll().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  try {
    for (const service of STACK_SERVICES) await group.start(service);
  } catch (error) {
    console.error(`Switchyard cannot start: ${(error as Error).message}`);
    await group.stopAll();
    process.exit(1);
  }
  printBanner(env, generatedKey !== undefined);
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
