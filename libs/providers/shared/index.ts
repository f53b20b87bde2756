export * from './network-error';
