import { embeddingVector } from '../embedding-vector';
import { countEmbeddingTokens, embeddingList, float32Base64 } from './embeddings-wire';
import type { EmbeddingsRequest } from './validate-embeddings-request';

const request: EmbeddingsRequest = {
  model: 'text-embedding-sim',
  inputs: ['Hello there', 'General Kenobi!'],
  encodingFormat: 'float',
  dimensions: 16,
};

describe('embeddingList', () => {
  it('answers in OpenAI key order, one embedding per input in order, with the usage', () => {
    const list = embeddingList(request, true);
    expect(JSON.stringify(list)).toBe(
      JSON.stringify({
        object: 'list',
        data: [
          { object: 'embedding', index: 0, embedding: embeddingVector('Hello there') },
          { object: 'embedding', index: 1, embedding: embeddingVector('General Kenobi!') },
        ],
        model: 'text-embedding-sim',
        usage: { prompt_tokens: 4, total_tokens: 4 },
      }),
    );
  });

  it('leaves usage out when the answer does not report it', () => {
    expect(embeddingList(request, false)).not.toHaveProperty('usage');
  });

  it('sends base64 strings when asked', () => {
    const list = embeddingList({ ...request, encodingFormat: 'base64', dimensions: 4 }, true);
    expect(list.data.map((item) => item.embedding)).toEqual([
      float32Base64(embeddingVector('Hello there', 4)),
      float32Base64(embeddingVector('General Kenobi!', 4)),
    ]);
  });
});

describe('float32Base64', () => {
  it('encodes little-endian float32s, as the openai SDK decodes them', () => {
    expect(float32Base64([1, -2])).toBe(Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]).toString('base64'));
    const vector = embeddingVector('round trip', 32);
    const bytes = Buffer.from(float32Base64(vector), 'base64');
    expect(Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4))).toEqual(vector);
  });
});

describe('countEmbeddingTokens', () => {
  it('counts the words of every input, with no per-input extra', () => {
    expect(countEmbeddingTokens(['Hello there, simulator', ' ', 'one'])).toBe(4);
  });
});
