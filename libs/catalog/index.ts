export * from './catalog';
export * from './catalog-schema';
export * from './load-catalog';
export * from './catalog.module';
