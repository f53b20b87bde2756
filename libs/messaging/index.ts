export * from './bus';
export * from './events';
export * from './frame-stream';
export * from './frame-writer';
export * from './job-bodies';
export * from './messaging-error';
export * from './trace-context';
export * from './messaging.module';
