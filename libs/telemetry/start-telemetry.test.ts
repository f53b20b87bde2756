import { trace } from '@opentelemetry/api';
import { onceEach, startTelemetry, stopTelemetry } from './start-telemetry';

describe('onceEach', () => {
  it('says each problem once, numbers aside, and nothing below a warning', () => {
    const out = { warn: jest.fn(), error: jest.fn() };
    const logger = onceEach(out);
    logger.error('export failed: connect ECONNREFUSED 127.0.0.1:4318');
    logger.error('export failed: connect ECONNREFUSED 127.0.0.1:4319');
    logger.warn('dropped', new Error('queue full'));
    logger.info('started');
    expect(out.error).toHaveBeenCalledTimes(1);
    expect(out.error).toHaveBeenCalledWith(
      'telemetry: export failed: connect ECONNREFUSED 127.0.0.1:4318 (said once)',
    );
    expect(out.warn).toHaveBeenCalledWith('telemetry: dropped queue full (said once)');
  });
});

describe('startTelemetry', () => {
  it.each([
    ['no endpoint and no exporter', {}],
    ['the SDK disabled', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1', OTEL_SDK_DISABLED: 'true' }],
    [
      'the exporter none',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1', OTEL_TRACES_EXPORTER: 'none' },
    ],
  ])('stays off with %s', (_case, env) => {
    expect(startTelemetry('test', env)).toBe(false);
  });
});

describe('startTelemetry with the SDK', () => {
  // The SDK registers the API's globals once per process: one start in this file. Spans that are
  // sampled and exported are proven end to end (test/e2e/tracing.e2e.test.ts).
  afterAll(() => stopTelemetry());

  it('reads the sampler from OTEL_TRACES_SAMPLER, as the SDK does', () => {
    Object.assign(process.env, {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
      OTEL_TRACES_SAMPLER: 'always_off',
    });
    expect(startTelemetry('test')).toBe(true);
    const span = trace.getTracer('test').startSpan('probe');
    expect(span.isRecording()).toBe(false);
    expect(span.spanContext().traceId).not.toBe('00000000000000000000000000000000');
    span.end();
  });
});
