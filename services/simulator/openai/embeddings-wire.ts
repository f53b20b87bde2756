import { embeddingVector } from '../embedding-vector';
import { countWords } from '../reply';
import type { EmbeddingsRequest } from './validate-embeddings-request';

/**
 * OpenAI's create-embeddings response, field for field and in OpenAI's key order: a list of embeddings
 * in input order, the model as asked for, and usage with prompt tokens only.
 * https://platform.openai.com/docs/api-reference/embeddings/object
 */
export function embeddingList(request: EmbeddingsRequest, reportsUsage: boolean) {
  const promptTokens = countEmbeddingTokens(request.inputs);
  return {
    object: 'list',
    data: request.inputs.map((text, index) => {
      const vector = embeddingVector(text, request.dimensions);
      return {
        object: 'embedding',
        index,
        embedding: request.encodingFormat === 'base64' ? float32Base64(vector) : vector,
      };
    }),
    model: request.model,
    ...(reportsUsage && { usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } }),
  };
}

/** Words of every input, counted as a chat message's text is, without the per-message role token. */
export function countEmbeddingTokens(inputs: readonly string[]): number {
  return inputs.reduce((sum, text) => sum + countWords(text), 0);
}

/** `encoding_format: "base64"`: the vector's little-endian float32 bytes, as the openai SDKs decode it. */
export function float32Base64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * Float32Array.BYTES_PER_ELEMENT);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * Float32Array.BYTES_PER_ELEMENT));
  return bytes.toString('base64');
}
