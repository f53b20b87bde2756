import type { AttemptSummary, ChatJob, Usage } from '../../contracts';
import { chatJob } from '../shared/testing/chat-job-fixture';
import { expectUsage, readFixture } from '../shared/testing/recorded-fixtures';
import { AnthropicStreamTranslator } from './stream-translator';
import { translateCompletion } from './translate-completion';

/**
 * Usage Anthropic did not send, counted by the gateway: real recorded streams cut in the middle
 * (what `partial()` summarises for a stream that was cut, stalled or cancelled), and recordings
 * with their usage taken out (what `finish()` and `translateCompletion` count instead, as behind a
 * proxy that strips it). No public tokenizer matches Claude's: the counts are o200k_base's.
 */
const pricing = { prompt: 1e-6, completion: 2e-6, request: 0 };
const job: ChatJob = chatJob({
  model: 'anthropic/claude-sonnet-5.5',
  request: { model: 'anthropic/claude-sonnet-5.5', messages: [{ role: 'user', content: 'Hi' }] },
  endpoint: {
    providerId: 'anthropic',
    providerName: 'Anthropic',
    upstreamModel: 'claude-sonnet-4-5',
    pricing,
  },
});
/** "Hi", 1 token, and its message's 3 template tokens. */
const PROMPT = 4;

const events = (fixture: string) =>
  readFixture('anthropic', fixture)
    .split('\n')
    .filter((line) => line.trim() !== '');

/** The recording as a proxy that strips usage would pass it on. */
function withoutUsage(lines: string[]): string[] {
  return lines.map((line) => {
    const event = JSON.parse(line);
    delete event.usage;
    delete event.message?.usage;
    return JSON.stringify(event);
  });
}

function translated(lines: string[]): AnthropicStreamTranslator {
  const translator = new AnthropicStreamTranslator(job);
  for (const line of lines) translator.push(line);
  return translator;
}

/** An estimate whose prompt count is Anthropic's own, with its cache details. */
function expectReportedPromptUsage(
  usage: Usage,
  tokens: { prompt: number; completion: number; reasoning: number },
) {
  expect(usage).toEqual({
    prompt_tokens: tokens.prompt,
    completion_tokens: tokens.completion,
    total_tokens: tokens.prompt + tokens.completion,
    cost: expect.closeTo(tokens.prompt * pricing.prompt + tokens.completion * pricing.completion, 12),
    prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: tokens.reasoning },
    usage_estimated: true,
  });
}

describe('usage Anthropic did not send', () => {
  // Beside each estimate, what Anthropic counted in the recording.
  it.each([
    // Anthropic: 30.
    { fixture: 'anthropic-text.chunks.txt', completion: 26, reasoning: 0 },
    // Anthropic: 53, thinking included.
    { fixture: 'anthropic-clear-thinking.1.chunks.txt', completion: 33, reasoning: 25 },
    // Anthropic: 48, for a sentence and a call with no arguments (its tool-use template unseen).
    { fixture: 'anthropic-tool-no-args.chunks.txt', completion: 11, reasoning: 0 },
  ])('counts a whole stream without usage: $fixture', ({ fixture, completion, reasoning }) => {
    const translator = translated(withoutUsage(events(fixture)));
    expect(translator.complete).toBe(true);
    const { usageChunk, summary } = translator.finish();
    expectUsage(summary.usage, { prompt: PROMPT, completion, reasoning, estimated: true }, pricing);
    expect(JSON.parse(usageChunk).usage).toEqual(summary.usage);
  });

  // message_start's input count (12, 69, 565) is exact, and kept; its output count (1, 2) is outgrown.
  it.each([
    // Three text deltas.
    { fixture: 'anthropic-text.chunks.txt', cutAfter: 6, prompt: 12, completion: 10, reasoning: 0 },
    // Still thinking.
    {
      fixture: 'anthropic-clear-thinking.1.chunks.txt',
      cutAfter: 10,
      prompt: 69,
      completion: 18,
      reasoning: 18,
    },
    // A sentence, then the tool call's start.
    { fixture: 'anthropic-tool-no-args.chunks.txt', cutAfter: 8, prompt: 565, completion: 10, reasoning: 0 },
  ])(
    'summarises a stream cut after $cutAfter events: $fixture',
    ({ fixture, cutAfter, prompt, completion, reasoning }) => {
      const translator = translated(events(fixture).slice(0, cutAfter));
      expect(translator.complete).toBe(false);
      const summary = translator.partial() as AttemptSummary;
      expect(summary).toMatchObject({ finishReason: null, nativeFinishReason: null });
      expect(summary.upstreamId).toMatch(/^msg_/);
      expectReportedPromptUsage(summary.usage, { prompt, completion, reasoning });
    },
  );

  it("keeps message_delta's output count, when the stream is cut after it, as a floor", () => {
    const translator = translated(events('anthropic-text.chunks.txt').slice(0, -1));
    expect(translator.complete).toBe(false);
    const summary = translator.partial() as AttemptSummary;
    expect(summary).toMatchObject({ finishReason: null, nativeFinishReason: 'end_turn' });
    expectReportedPromptUsage(summary.usage, { prompt: 12, completion: 30, reasoning: 0 });
  });

  it('has nothing to summarise before any text was delivered', () => {
    expect(translated(events('anthropic-text.chunks.txt').slice(0, 3)).partial()).toBeNull();
  });

  it('counts a whole message without usage', () => {
    const { usage: _usage, ...message } = JSON.parse(readFixture('anthropic', 'anthropic-text.json'));
    const { summary } = translateCompletion({ ...job, stream: false }, message);
    // Anthropic: 29.
    expectUsage(summary.usage, { prompt: PROMPT, completion: 25, reasoning: 0, estimated: true }, pricing);
  });
});
