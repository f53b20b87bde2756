import { errors } from '../../../libs/contracts';
import { promptAsMessages } from '../chat/prompt-as-messages';

/** Legacy fields that would change the answer and that a chat model cannot honour. */
const UNSUPPORTED: Record<string, (value: unknown) => boolean> = {
  echo: (value) => value === true,
  suffix: (value) => value !== undefined && value !== null && value !== '',
  best_of: (value) => typeof value === 'number' && value > 1,
};

/**
 * A legacy Completions request as the Chat Completions request the gateway runs: the prompt as the
 * one user message (a one-element list of prompts too), `logprobs: n` as `logprobs` with the `n` most
 * likely alternatives. `echo`, `suffix` and `best_of` > 1 are refused, not dropped: they change what
 * the answer says. Everything else (sampling, `provider`, `models`, presets) means what it means on
 * `/chat/completions`.
 * https://platform.openai.com/docs/api-reference/completions/create
 */
export function toChatBody(body: unknown): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  const { logprobs, ...fields } = body as Record<string, unknown>;
  for (const [name, refused] of Object.entries(UNSUPPORTED)) {
    if (refused(fields[name])) {
      throw errors.badRequest(`Invalid request: ${name}: is not supported by this gateway's completions.`);
    }
    delete fields[name];
  }
  if (fields.prompt === undefined || fields.prompt === null) {
    throw errors.badRequest('Invalid request: prompt: is required.');
  }
  if (Array.isArray(fields.prompt) && fields.prompt.length === 1) fields.prompt = fields.prompt[0];
  if (typeof logprobs === 'number') {
    fields.logprobs = true;
    if (logprobs > 0) fields.top_logprobs = logprobs;
  } else if (logprobs !== undefined && logprobs !== null) {
    throw errors.badRequest('Invalid request: logprobs: must be a number of alternatives (0 to 5).');
  }
  return promptAsMessages(fields);
}
