import { DeliveredText } from './delivered-text';
import { partialSummary } from './partial-summary';
import { chatJob } from './testing/chat-job-fixture';

const job = chatJob();
const ids = { upstreamId: 'chatcmpl-1', nativeFinishReason: null };

describe('partialSummary', () => {
  it('is null when nothing was delivered: there is nothing to charge', () => {
    expect(partialSummary(job, new DeliveredText(), null, ids)).toBeNull();
  });

  it('summarises what was delivered with no finish reason and estimated usage', () => {
    const delivered = new DeliveredText();
    delivered.add({ content: 'Hello! How can I help?' });
    expect(partialSummary(job, delivered, null, ids)).toEqual({
      finishReason: null,
      nativeFinishReason: null,
      upstreamId: 'chatcmpl-1',
      usage: expect.objectContaining({ prompt_tokens: 4, completion_tokens: 7, usage_estimated: true }),
    });
  });
});
