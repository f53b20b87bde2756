export * from './start-telemetry';
export * from './tracing';
export * from './telemetry.module';
export * from './messaging-attributes';
