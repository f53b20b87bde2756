export * from './metrics-listener';
export * from './observability.module';
export * from './readiness';
export * from './service-metrics';
