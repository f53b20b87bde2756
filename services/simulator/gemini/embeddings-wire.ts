import { embeddingVector } from '../embedding-vector';
import type { EmbedRequest } from './validate-embed-request';

/**
 * Gemini's EmbedContentResponse and BatchEmbedContentsResponse: vectors as `values`, a batch's in the
 * order of its requests, and no usage (Gemini reports none for embeddings).
 * https://ai.google.dev/api/embeddings#EmbedContentResponse
 * https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
 */
export function embedContentResponse(request: EmbedRequest) {
  return { embedding: contentEmbedding(request) };
}

export function batchEmbedContentsResponse(requests: readonly EmbedRequest[]) {
  return { embeddings: requests.map(contentEmbedding) };
}

/** https://ai.google.dev/api/embeddings#ContentEmbedding */
function contentEmbedding({ text, dimensions }: EmbedRequest) {
  return { values: embeddingVector(text, dimensions) };
}
