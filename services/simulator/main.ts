import { z } from 'zod';
import { parseEnv } from '../../libs/config/env';
import { stopWhenOrphaned } from '../../libs/runtime/parent-watch';
import { startSimulator } from './simulator-server';

/** Runs the simulator as a process: the default local stack's upstream for `switchyard/echo`. */
const simulatorEnvSchema = z.object({
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SIMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  SIMULATOR_TTFT_MS: z.coerce.number().int().min(0).default(0),
  SIMULATOR_ITL_MS: z.coerce.number().int().min(0).default(0),
  /** Empty counts as unset, as compose files write `SIMULATOR_API_KEY=` for "no key". */
  SIMULATOR_API_KEY: z
    .string()
    .optional()
    .transform((key) => key || undefined),
});

async function main(): Promise<void> {
  const env = parseEnv(simulatorEnvSchema);
  const simulator = await startSimulator({
    port: env.SIMULATOR_PORT,
    host: env.SIMULATOR_HOST,
    defaults: { ttftMs: env.SIMULATOR_TTFT_MS, itlMs: env.SIMULATOR_ITL_MS },
    apiKey: env.SIMULATOR_API_KEY,
  });
  console.log(`simulator listening on ${simulator.url}`);
  const stop = () => {
    simulator.close().catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  stopWhenOrphaned();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
