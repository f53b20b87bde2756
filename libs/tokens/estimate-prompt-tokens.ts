import type { ChatRequest } from '../contracts';
import { countTokens } from './count-tokens';
import { promptText } from './prompt-text';
import type { TokenizerEncoding } from './tokenizer-encoding';

/**
 * What an image, audio clip or file is taken to cost. Providers price an image by its size: OpenAI
 * 765 tokens for 1024×1024 at high detail, Anthropic about width × height / 750 (1,398 for
 * 1024×1024), Gemini 258 per 768×768 tile; 1,000 is a megapixel image's usual price. It stays
 * below the 2,500 per image that admission reserves, so an estimate never outgrows its reservation.
 */
export const MEDIA_TOKENS = 1_000;
/** The chat template's role markers and separators: OpenAI's cookbook counts 3 per message. */
export const TOKENS_PER_MESSAGE = 3;

/** The prompt's tokens as the gateway counts them when no provider does, in `encoding`. */
export function estimatePromptTokens(request: ChatRequest, encoding: TokenizerEncoding): number {
  const prompt = promptText(request);
  return (
    countTokens(prompt.text, encoding) + prompt.media * MEDIA_TOKENS + prompt.messages * TOKENS_PER_MESSAGE
  );
}
