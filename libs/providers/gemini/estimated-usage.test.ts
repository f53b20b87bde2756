import type { AttemptSummary, ChatJob } from '../../contracts';
import { chatJob } from '../shared/testing/chat-job-fixture';
import { expectUsage, readFixture } from '../shared/testing/recorded-fixtures';
import { GeminiStreamTranslator } from './stream-translator';
import { translateCompletion } from './translate-completion';

/**
 * Usage Gemini did not send, counted by the gateway: real recorded streams cut in the middle (what
 * `partial()` summarises for a stream that was cut, stalled or cancelled), and recordings with
 * their usage taken out (what `finish()` and `translateCompletion` count instead). No public
 * tokenizer matches Gemini's: the counts are o200k_base's.
 */
const pricing = { prompt: 1e-6, completion: 2e-6, request: 0 };
const job: ChatJob = chatJob({
  model: 'google/gemini-3.8-flash',
  request: { model: 'google/gemini-3.8-flash', messages: [{ role: 'user', content: 'Hi' }] },
  endpoint: {
    providerId: 'google-ai-studio',
    providerName: 'Google AI Studio',
    upstreamModel: 'gemini-3-pro-preview',
    pricing,
  },
});
/** "Hi", 1 token, and its message's 3 template tokens. */
const PROMPT = 4;

const events = (fixture: string) =>
  readFixture('gemini', fixture)
    .split('\n')
    .filter((line) => line.trim() !== '');

/** The recording as a server that sends no usage would have sent it. */
function withoutUsage(lines: string[]): string[] {
  return lines.map((line) => {
    const { usageMetadata: _usage, ...response } = JSON.parse(line);
    return JSON.stringify(response);
  });
}

function translated(lines: string[]): GeminiStreamTranslator {
  const translator = new GeminiStreamTranslator(job);
  for (const line of lines) translator.push(line);
  return translator;
}

describe('usage Gemini did not send', () => {
  // Beside each estimate, what Gemini counted in the recording: its thoughts are never seen.
  it.each([
    // Gemini: 23, and 185 thought.
    { fixture: 'google-text.chunks.txt', completion: 21, reasoning: 0 },
    // Gemini: 58, and 183 thought, of which the client sees a summary (62), and three calls.
    { fixture: 'google-stream-no-args-tool-call.chunks.txt', completion: 86, reasoning: 62 },
  ])('counts a whole stream without usage: $fixture', ({ fixture, completion, reasoning }) => {
    const translator = translated(withoutUsage(events(fixture)));
    expect(translator.complete).toBe(true);
    const { usageChunk, summary } = translator.finish();
    expectUsage(summary.usage, { prompt: PROMPT, completion, reasoning, estimated: true }, pricing);
    expect(JSON.parse(usageChunk).usage).toEqual(summary.usage);
  });

  it.each([
    // The first event's usage (9 prompt; 5 answer and 185 thought tokens so far) is more than the
    // text shows: the prompt is kept, the completion count is the floor.
    { fixture: 'google-text.chunks.txt', cutAfter: 1, prompt: 9, completion: 190, reasoning: 185 },
    // Events with no counts (only `trafficType`): the thought summary, two calls and a third begun.
    {
      fixture: 'google-stream-no-args-tool-call.chunks.txt',
      cutAfter: 7,
      prompt: PROMPT,
      completion: 74,
      reasoning: 62,
    },
  ])(
    'summarises a stream cut after $cutAfter events: $fixture',
    ({ fixture, cutAfter, prompt, completion, reasoning }) => {
      const translator = translated(events(fixture).slice(0, cutAfter));
      expect(translator.complete).toBe(false);
      const summary = translator.partial() as AttemptSummary;
      expect(summary).toMatchObject({ finishReason: null, nativeFinishReason: null });
      expect(summary.upstreamId).not.toBeNull();
      expectUsage(summary.usage, { prompt, completion, reasoning, estimated: true }, pricing);
    },
  );

  it('has nothing to summarise before any text was delivered', () => {
    expect(translated([]).partial()).toBeNull();
  });

  it('counts a whole answer without usage', () => {
    const { usageMetadata: _usage, ...response } = JSON.parse(readFixture('gemini', 'google-text.json'));
    const { summary } = translateCompletion({ ...job, stream: false }, response);
    // Gemini: 28, and 244 thought.
    expectUsage(summary.usage, { prompt: PROMPT, completion: 26, reasoning: 0, estimated: true }, pricing);
  });
});
