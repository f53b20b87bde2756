export * from './buckets';
export * from './credential-cipher';
export * from './key-format';
export * from './key-view';
export * from './ledger';
export * from './limit-period';
export * from './nano-usd';
export * from './replica-account';
