export * from './chat-job';
export * from './chat-request';
export * from './errors';
export * from './events';
export * from './frames';
export * from './route-plan';
export * from './subjects';
export * from './query-reply';
