import type { ChatRequest } from '../../../libs/contracts';

/** Fields of the request that are parameters a provider must support (not routing or content). */
const NOT_PARAMETERS = new Set([
  'model',
  'models',
  'messages',
  'stream',
  'stream_options',
  'provider',
  'route',
  'session_id',
  'user',
  'usage',
  'transforms',
]);

export function requestedParameters(request: ChatRequest): string[] {
  return Object.keys(request).filter(
    (key) => !NOT_PARAMETERS.has(key) && request[key] !== undefined && request[key] !== null,
  );
}
