import { errors } from '../../../libs/contracts';

/**
 * OpenRouter takes a `prompt` in place of `messages` on `/chat/completions`, and `/completions` takes
 * nothing else: a string prompt is the one user message. A body with both is refused rather than one
 * of them ignored. Other bodies pass unchanged.
 * https://openrouter.ai/docs/api-reference/overview#requests
 */
export function promptAsMessages(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('prompt' in body)) return body;
  const { prompt, ...rest } = body as Record<string, unknown>;
  if (prompt === undefined || prompt === null) return rest;
  if ('messages' in rest && rest.messages !== undefined) {
    throw errors.badRequest('Invalid request: give either "messages" or "prompt", not both.');
  }
  if (typeof prompt !== 'string') {
    throw errors.badRequest(
      'Invalid request: prompt: must be a string (arrays of prompts or tokens are not supported).',
    );
  }
  return { ...rest, messages: [{ role: 'user', content: prompt }] };
}
