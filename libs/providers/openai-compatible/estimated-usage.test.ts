import type { AttemptSummary, ChatJob } from '../../contracts';
import { chatJob } from '../shared/testing/chat-job-fixture';
import { expectUsage, readFixture } from '../shared/testing/recorded-fixtures';
import { StreamTranslator } from './stream-translator';
import { translateCompletion } from './translate-completion';

/**
 * Usage the provider did not send, counted by the gateway: real recorded streams cut in the middle
 * (what `partial()` summarises for a stream that was cut, stalled or cancelled), and recordings
 * with their usage taken out (what `finish()` and `translateCompletion` count instead).
 */
const pricing = { prompt: 1e-6, completion: 2e-6, request: 0 };
/** The recordings answered gpt-4.1-nano, whose vocabulary (o200k_base) the estimate uses. */
const job: ChatJob = chatJob({ model: 'openai/gpt-4.1-nano', endpoint: { pricing } });
/** "Hi", 1 token, and its message's 3 template tokens. */
const PROMPT = 4;

const events = (fixture: string) =>
  readFixture(fixture)
    .split('\n')
    .filter((line) => line.trim() !== '');

/** The recording as a provider that sends no usage would have sent it. */
function withoutUsage(lines: string[]): string[] {
  return lines.flatMap((line) => {
    const { usage: _usage, x_groq: _groq, ...chunk } = JSON.parse(line);
    return chunk.choices.length === 0 ? [] : [JSON.stringify(chunk)];
  });
}

function translated(lines: string[]): StreamTranslator {
  const translator = new StreamTranslator(job);
  for (const line of lines) translator.push(line);
  return translator;
}

describe('usage the provider did not send', () => {
  // Beside each estimate, what the provider counted in the recording.
  it.each([
    // OpenAI: 300 (its vocabulary is the estimate's).
    { fixture: 'openai/openai-text.chunks.txt', completion: 300, reasoning: 0 },
    // DeepSeek: 219, of which 205 reasoning.
    { fixture: 'deepseek/deepseek-reasoning.chunks.txt', completion: 215, reasoning: 202 },
    // DeepSeek: 83, of which 39 reasoning; its tool-call template is not text the client sees.
    { fixture: 'deepseek/deepseek-tool-call.chunks.txt', completion: 47, reasoning: 39 },
  ])('counts a whole stream without usage: $fixture', ({ fixture, completion, reasoning }) => {
    const translator = translated(withoutUsage(events(fixture)));
    expect(translator.complete).toBe(true);
    const { usageChunk, summary } = translator.finish();
    expectUsage(summary.usage, { prompt: PROMPT, completion, reasoning, estimated: true }, pricing);
    expect(JSON.parse(usageChunk).usage).toEqual(summary.usage);
  });

  it.each([
    // The role, then one token per event.
    { fixture: 'openai/openai-text.chunks.txt', cutAfter: 100, completion: 99, reasoning: 0 },
    // Still thinking: all reasoning.
    { fixture: 'deepseek/deepseek-reasoning.chunks.txt', cutAfter: 100, completion: 98, reasoning: 98 },
    // Reasoning, then a tool call whose arguments are cut short.
    { fixture: 'deepseek/deepseek-tool-call.chunks.txt', cutAfter: 45, completion: 43, reasoning: 39 },
  ])(
    'summarises a stream cut after $cutAfter events: $fixture',
    ({ fixture, cutAfter, completion, reasoning }) => {
      const translator = translated(events(fixture).slice(0, cutAfter));
      expect(translator.complete).toBe(false);
      const summary = translator.partial() as AttemptSummary;
      expect(summary).toMatchObject({ finishReason: null, nativeFinishReason: null });
      expect(summary.upstreamId).not.toBeNull();
      expectUsage(summary.usage, { prompt: PROMPT, completion, reasoning, estimated: true }, pricing);
    },
  );

  it('has nothing to summarise before any text was delivered', () => {
    // The first event opens the message with an empty content.
    expect(translated(events('openai/openai-text.chunks.txt').slice(0, 1)).partial()).toBeNull();
  });

  it('summarises without changing the translation, which goes on to its own usage', () => {
    const lines = events('openai/openai-text.chunks.txt');
    const translator = translated(lines.slice(0, 100));
    const early = translator.partial();
    for (const line of lines.slice(100)) translator.push(line);
    expect(translator.partial()?.usage.completion_tokens).toBeGreaterThan(
      early?.usage.completion_tokens ?? 0,
    );
    expectUsage(translator.finish().summary.usage, { prompt: 16, completion: 300, reasoning: 0 }, pricing);
  });

  it('counts a whole body without usage', () => {
    const { usage: _usage, ...body } = JSON.parse(readFixture('openai/openai-text.json'));
    const { summary } = translateCompletion({ ...job, stream: false }, body);
    // OpenAI: 363.
    expectUsage(summary.usage, { prompt: PROMPT, completion: 362, reasoning: 0, estimated: true }, pricing);
  });
});
