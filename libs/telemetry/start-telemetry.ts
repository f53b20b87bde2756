import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import type { NodeSDK } from '@opentelemetry/sdk-node';

let sdk: NodeSDK | undefined;

/**
 * Starts tracing with the OpenTelemetry SDK when the environment asks for it (an OTLP endpoint, or
 * `OTEL_TRACES_EXPORTER`); otherwise leaves the no-op API in place, which costs next to nothing on
 * the hot path. Everything else is the SDK's own reading of the standard variables: exporter and
 * protocol (`OTEL_EXPORTER_OTLP_PROTOCOL`: http/protobuf by default, http/json, grpc), sampler
 * (`OTEL_TRACES_SAMPLER`, `…_ARG`), propagators, batching (`OTEL_BSP_*`), resource attributes.
 * Metrics are Prometheus's (libs/observability) and logs go to stdout, so neither is pushed unless
 * `OTEL_METRICS_EXPORTER` or `OTEL_LOGS_EXPORTER` says so.
 */
export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const asked = endpoint !== undefined || (env.OTEL_TRACES_EXPORTER ?? 'none') !== 'none';
  if (sdk || !asked || env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  env.OTEL_SERVICE_NAME ??= serviceName;
  diag.setLogger(onceEach(console), { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  // Loaded only when tracing is on: the SDK and its exporters cost ~40 MB and ~0.1 s at start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NodeSDK: Sdk } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  sdk = new Sdk();
  sdk.start();
  return true;
}

/** Sends the spans still buffered; called once the service has stopped serving. */
export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}

/** How many distinct problems are reported before the rest are dropped too. */
const MAX_REPORTED = 20;

/**
 * The SDK's warnings and errors, each said once: an unreachable collector fails every export, and
 * a line per batch would bury the service's own log. Exporting never blocks a request either way.
 */
export function onceEach(out: Pick<Console, 'warn' | 'error'>): DiagLogger {
  const seen = new Set<string>();
  const say =
    (write: (line: string) => void) =>
    (message: string, ...args: unknown[]) => {
      const line = [
        message,
        ...args.map((arg) => (arg instanceof Error ? arg.message : JSON.stringify(arg))),
      ].join(' ');
      const key = line.replace(/\d+/g, '#');
      if (seen.has(key) || seen.size >= MAX_REPORTED) return;
      seen.add(key);
      write(`telemetry: ${line} (said once)`);
    };
  const quiet = () => undefined;
  return { error: say(out.error), warn: say(out.warn), info: quiet, debug: quiet, verbose: quiet };
}
