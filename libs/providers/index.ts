export * from './openai-compatible';
export * from './provider-adapter';
