import { errors, GatewayError, type ChatJob } from '../contracts';
import { startTiming, toAttemptEvent, type AttemptTiming } from './attempt-timing';

const T0 = 1_700_000_000_000;
const job = (stream: boolean): ChatJob => ({
  generationId: 'gen-1',
  stream,
  deadline: T0 + 60_000,
  request: { model: 'test/echo', messages: [{ role: 'user', content: 'hi' }] },
  attempt: 1,
  model: 'test/echo',
  endpoint: {
    providerId: 'sim',
    providerName: 'Simulator',
    upstreamModel: 'echo',
    pricing: { prompt: 0, completion: 0, request: 0 },
  },
});
const served: AttemptTiming = {
  startedAt: T0,
  firstByteAt: T0 + 40,
  firstTokenAt: T0 + 50,
  lastReadAt: null,
  status: 200,
  promptTokens: 12,
  completionTokens: 20,
  finishReason: 'stop',
};

describe('toAttemptEvent', () => {
  it.each([
    ['a streamed answer: generation counts from the first token', true, 950],
    ['a whole body: generation is the whole call', false, 1000],
  ])('%s', (_label, stream, generationMs) => {
    expect(toAttemptEvent(job(stream), served, T0 + 1000)).toEqual({
      generationId: 'gen-1',
      attempt: 1,
      source: 'worker',
      model: 'test/echo',
      providerId: 'sim',
      upstreamModel: 'echo',
      endedAt: T0 + 1000,
      ok: true,
      status: 200,
      retryable: false,
      errorMessage: null,
      firstByteMs: 40,
      firstTokenMs: 50,
      generationMs,
      completionTokens: 20,
    });
  });

  it.each([
    ['an upstream 500', { ...startTiming(T0), firstByteAt: T0 + 30, status: 500 }, 500, true, 30],
    ['a deadline before any byte', startTiming(T0), 408, true, null],
    ['a cancelled request', startTiming(T0), 499, false, null],
  ])('%s: a failure with its status and no throughput', (_label, timing, status, retryable, firstByteMs) => {
    const failure = new GatewayError({ status, message: 'failed', retryable });
    expect(toAttemptEvent(job(true), timing, T0 + 500, failure)).toMatchObject({
      ok: false,
      status,
      retryable,
      errorMessage: 'failed',
      firstByteMs,
      firstTokenMs: null,
      generationMs: null,
      completionTokens: null,
    });
  });

  it('keeps a failed stream’s time to first token', () => {
    const event = toAttemptEvent(job(true), served, T0 + 500, errors.upstreamCut('Simulator'));
    expect(event).toMatchObject({ ok: false, status: 502, retryable: true, firstTokenMs: 50 });
  });
});
