import { embeddingVector } from '../embedding-vector';
import { batchEmbedContentsResponse, embedContentResponse } from './embeddings-wire';

describe('embedContentResponse', () => {
  it('sends the vector as embedding.values, with no usage', () => {
    expect(embedContentResponse({ text: 'Hi', dimensions: 16 })).toEqual({
      embedding: { values: embeddingVector('Hi', 16) },
    });
  });
});

describe('batchEmbedContentsResponse', () => {
  it('sends one embedding per request, in order, each at its own dimensions', () => {
    const response = batchEmbedContentsResponse([
      { text: 'Hi', dimensions: 16 },
      { text: 'Bye', dimensions: 4 },
    ]);
    expect(response).toEqual({
      embeddings: [{ values: embeddingVector('Hi', 16) }, { values: embeddingVector('Bye', 4) }],
    });
  });
});
