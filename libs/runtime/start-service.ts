import 'reflect-metadata';
import { ConsoleLogger, type INestApplicationContext } from '@nestjs/common';
import { startTelemetry } from '../telemetry/start-telemetry';
import { stopWhenOrphaned } from './parent-watch';

/** Nest's own start-up chatter (module and route listings): useful when debugging Nest, noise otherwise. */
const FRAMEWORK_CONTEXTS = new Set([
  'InstanceLoader',
  'NestFactory',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

export class ServiceLogger extends ConsoleLogger {
  override log(message: unknown, context?: string): void {
    if (context && FRAMEWORK_CONTEXTS.has(context)) return;
    super.log(message, context);
  }
}

export function serviceLogger(): ServiceLogger {
  return new ServiceLogger({ timestamp: false, colors: false });
}

/**
 * Starts a service and turns a failed start into one readable line and exit code 1,
 * rather than an unhandled rejection with a stack trace.
 */
export async function startService<T extends INestApplicationContext>(
  name: string,
  create: () => Promise<T>,
): Promise<T | undefined> {
  stopWhenOrphaned();
  try {
    startTelemetry(name);
    const app = await create();
    // Only the signals that mean "stop": Nest's default list also has SIGUSR2, which Node's
    // diagnostics (heap snapshots) use.
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    await app.init();
    return app;
  } catch (error) {
    console.error(`${name} failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
