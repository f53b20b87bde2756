import { createHash } from 'node:crypto';

/**
 * The simulator's embedding "model": a text's vector is derived from its sha256 alone, so the same text
 * always embeds the same way (through any protocol) and tests can compute the exact vector they should
 * see. Meaningless as semantics, but distinct texts get distinct, unit-length vectors, as from a real model.
 */
export const DEFAULT_DIMENSIONS = 16;
/** A bound on the work one input costs; real models go up to 3072 (OpenAI, Gemini). */
export const MAX_DIMENSIONS = 4096;

/** Four bytes per component, eight components per sha256 block. */
const COMPONENTS_PER_BLOCK = 8;

/**
 * `dimensions` floats of unit (Euclidean) norm, each already a float32 so the JSON and base64 forms of
 * one vector agree exactly. The raw components are a stream (block `k` is sha256 of `k` and the text),
 * so a shorter vector is a longer one cut and renormalized, as OpenAI's `dimensions` shortens
 * text-embedding-3 vectors. https://platform.openai.com/docs/guides/embeddings
 */
export function embeddingVector(text: string, dimensions = DEFAULT_DIMENSIONS): number[] {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_DIMENSIONS) {
    throw new RangeError(`dimensions must be an integer from 1 to ${MAX_DIMENSIONS}, got ${dimensions}`);
  }
  const raw = rawComponents(text, dimensions);
  const norm = Math.hypot(...raw);
  return raw.map((value) => Math.fround(value / norm));
}

/** Each 32-bit word of the stream mapped into (-1, 1), never exactly 0, so the norm is never 0. */
function rawComponents(text: string, dimensions: number): number[] {
  const components: number[] = [];
  for (let block = 0; components.length < dimensions; block++) {
    const digest = createHash('sha256').update(`${block}\0${text}`).digest();
    for (let word = 0; word < COMPONENTS_PER_BLOCK && components.length < dimensions; word++) {
      components.push((digest.readUInt32LE(word * 4) + 0.5) / 2 ** 31 - 1);
    }
  }
  return components;
}
