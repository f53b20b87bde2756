export * from './anthropic';
export * from './gemini';
export * from './openai-compatible';
export * from './provider-adapter';
export * from './shared';
