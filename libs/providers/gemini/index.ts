// Named, not `export *`: libs/providers re-exports every family, whose helpers share names.
export { geminiAdapter } from './adapter';
export { buildGenerateContentRequest } from './build-generate-content-request';
export { classifyGeminiError } from './classify-error';
export { GeminiStreamTranslator } from './stream-translator';
