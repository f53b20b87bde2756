export * from './count-tokens';
export * from './estimate-prompt-tokens';
export * from './prompt-text';
export * from './tokenizer-encoding';
