import type { TokenizerEncoding } from './tokenizer-encoding';

interface Encoder {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}

/*
 * Each encoding is loaded on its first use: its ranks take about 0.2 s and 35 MB to load, which a
 * process that never estimates (most never do: providers report usage) should not pay. A static
 * import would load them with the module, so they are required at run time.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const LOADERS: Record<TokenizerEncoding, () => Encoder> = {
  o200k_base: () => require('gpt-tokenizer/encoding/o200k_base') as Encoder,
  cl100k_base: () => require('gpt-tokenizer/encoding/cl100k_base') as Encoder,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Text that spells a special token (`<|endoftext|>`) is someone's text, counted as such. */
const AS_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * Up to this many characters are counted whole. BPE takes about 0.03 ms per 1,000 characters of
 * prose but up to 1.5 ms of text with no repeats (base64, hashes), and a worker counts on the event
 * loop that serves its other streams: a longer text is counted from SAMPLES evenly spaced slices
 * of SAMPLE_CHARS, scaled to its length, so that no count takes more than some 50 ms.
 */
const WHOLE_LIMIT_CHARS = 32_000;
const SAMPLES = 4;
const SAMPLE_CHARS = 8_000;

/** How many tokens `text` makes in `encoding`; estimated from samples beyond WHOLE_LIMIT_CHARS. */
export function countTokens(text: string, encoding: TokenizerEncoding): number {
  // Node's module cache makes every require after the first a lookup.
  const encoder = LOADERS[encoding]();
  if (text.length <= WHOLE_LIMIT_CHARS) return encoder.countTokens(text, AS_TEXT);
  const stride = (text.length - SAMPLE_CHARS) / (SAMPLES - 1);
  let sampled = 0;
  for (let sample = 0; sample < SAMPLES; sample++) {
    const start = Math.round(sample * stride);
    sampled += encoder.countTokens(text.slice(start, start + SAMPLE_CHARS), AS_TEXT);
  }
  return Math.round((sampled * text.length) / (SAMPLES * SAMPLE_CHARS));
}
