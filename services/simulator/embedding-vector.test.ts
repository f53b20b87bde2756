import { DEFAULT_DIMENSIONS, embeddingVector, MAX_DIMENSIONS } from './embedding-vector';

const norm = (vector: number[]) => Math.hypot(...vector);

describe('embeddingVector', () => {
  it('gives the same text the same vector, every time', () => {
    expect(embeddingVector('Hello there')).toEqual(embeddingVector('Hello there'));
  });

  it('has DEFAULT_DIMENSIONS (16) components by default, or the ones asked for', () => {
    expect(DEFAULT_DIMENSIONS).toBe(16);
    expect(embeddingVector('a')).toHaveLength(16);
    for (const dimensions of [1, 7, 8, 9, 256, MAX_DIMENSIONS]) {
      expect(embeddingVector('a', dimensions)).toHaveLength(dimensions);
    }
  });

  it.each([1, 3, 16, 1536, MAX_DIMENSIONS])('is of unit length with %i dimensions', (dimensions) => {
    for (const text of ['', ' ', 'Hello there', 'ünïcödé 🙂'.repeat(50)]) {
      expect(norm(embeddingVector(text, dimensions))).toBeCloseTo(1, 6);
    }
  });

  it('gives different texts different vectors', () => {
    const texts = ['Hello', 'hello', 'Hello ', 'World', '', '0'];
    const vectors = new Set(texts.map((text) => JSON.stringify(embeddingVector(text))));
    expect(vectors.size).toBe(texts.length);
  });

  it('sends float32 values, so a float32 round trip changes nothing', () => {
    const vector = embeddingVector('Hello there', 64);
    expect(Array.from(new Float32Array(vector))).toEqual(vector);
  });

  it('shortens as text-embedding-3 does: a prefix of the longer vector, renormalized', () => {
    const long = embeddingVector('Hello there', 32);
    const short = embeddingVector('Hello there', 8);
    const prefix = long.slice(0, 8);
    const scale = norm(prefix);
    short.forEach((value, index) => expect(value).toBeCloseTo(prefix[index] / scale, 6));
  });

  it.each([0, -1, 1.5, MAX_DIMENSIONS + 1, Number.NaN])('refuses %p dimensions', (dimensions) => {
    expect(() => embeddingVector('a', dimensions)).toThrow(RangeError);
  });
});
