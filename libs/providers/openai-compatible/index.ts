export * from './build-chat-request';
export * from './classify-upstream-error';
export * from './convert-usage';
export * from './map-finish-reason';
export * from './stream-translator';
export * from './translate-completion';
export * from './adapter';
