export * from './openai-compatible';
