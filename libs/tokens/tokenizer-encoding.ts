/** The BPE vocabularies the gateway counts with (gpt-tokenizer's names, as tiktoken's). */
export type TokenizerEncoding = 'o200k_base' | 'cl100k_base';

/**
 * Models whose tokenizer is, or is closest to, cl100k_base: GPT-3.5 and GPT-4 before GPT-4o, and
 * Llama 3, whose 128k vocabulary is cl100k_base's 100k tokens and 28k more.
 * https://github.com/openai/tiktoken/blob/main/tiktoken/model.py
 * https://github.com/meta-llama/llama3/blob/main/llama/tokenizer.py
 */
const CL100K_MODELS = /^(openai\/gpt-3\.5|openai\/gpt-4(-|$)|meta-llama\/llama-3)/;

/**
 * The vocabulary to estimate a model's token counts with, from its public id (`author/slug`).
 * Every OpenAI model since GPT-4o uses o200k_base. Anthropic, Google and most other authors publish
 * no tokenizer that runs in JavaScript and matches theirs, so their counts are o200k_base's too:
 * a modern vocabulary of similar size, close enough for an estimate, not an exact count.
 */
export function tokenizerEncoding(model: string): TokenizerEncoding {
  return CL100K_MODELS.test(model) ? 'cl100k_base' : 'o200k_base';
}
