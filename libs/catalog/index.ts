export * from './catalog';
export * from './catalog-bucket';
export * from './catalog-entry';
export * from './catalog-schema';
export * from './catalog-store';
export * from './catalog.module';
export * from './load-catalog';
export * from './format-price';
