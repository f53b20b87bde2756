import { randomBytes } from 'node:crypto';
import { Bus, encodeJson } from './bus';
import { FrameWriter } from './frame-writer';
import { MessagingError } from './messaging-error';

let bus: Bus;
const subject = (name: string) => `${bus.subjects.namespace}.test.${name}`;

beforeAll(async () => {
  bus = await Bus.connect({
    url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    namespace: `m${randomBytes(4).toString('hex')}`,
    name: 'frame-stream-test',
  });
});

afterAll(async () => {
  await bus.drain();
});

const text = (data: Uint8Array) => new TextDecoder().decode(data);
const options = { silenceMs: 300, timeoutMs: 5000 };

let summaries: string[] = [];

async function collect(name: string): Promise<string[]> {
  const seen: string[] = [];
  summaries = [];
  for await (const frame of bus.stream(subject(name), encodeJson({}), options)) {
    seen.push(`${frame.kind}:${frame.seq}:${text(frame.data)}`);
    if (frame.summary) summaries.push(frame.summary);
  }
  return seen;
}

describe('frame streams over real NATS', () => {
  it('delivers chunks in order and stops at the done frame', async () => {
    bus.subscribe(subject('ok'), 'workers', (msg) => {
      const writer = new FrameWriter(bus.nc, msg.reply!);
      writer.chunks(['{"a":1}']);
      writer.chunks(['{"a":2}', '{"a":3}']);
      writer.done(['{"a":4}'], {
        finishReason: 'stop',
        nativeFinishReason: 'stop',
        upstreamId: null,
        usage: {} as never,
      });
      writer.chunks(['{"ignored":true}']);
    });
    const seen = await collect('ok');
    expect(seen).toEqual(['chunk:0:{"a":1}', 'chunk:1:{"a":2}\n{"a":3}', 'done:2:{"a":4}']);
    expect(summaries).toEqual([expect.stringMatching(/^\{"finishReason":"stop"/)]);
  });

  it('ends at an error frame', async () => {
    bus.subscribe(subject('err'), 'workers', (msg) => {
      new FrameWriter(bus.nc, msg.reply!).error({ error: { code: 502, message: 'boom' }, retryable: true });
    });
    expect(await collect('err')).toEqual([
      'error:0:{"error":{"code":502,"message":"boom"},"retryable":true}',
    ]);
  });

  it.each([
    ['nobody listens', 'nobody', 'no-responders'],
    ['the worker never answers', 'silent', 'silent'],
    ['the worker goes silent mid-stream', 'stalls', 'silent'],
  ])('fails with a typed error when %s', async (_case, name, reason) => {
    bus.subscribe(subject('silent'), 'workers', () => undefined);
    bus.subscribe(subject('stalls'), 'workers', (msg) => new FrameWriter(bus.nc, msg.reply!).chunks(['{}']));
    const started = Date.now();
    const error = await collect(name).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessagingError);
    expect((error as MessagingError).reason).toBe(reason);
    expect(Date.now() - started).toBeLessThan(reason === 'no-responders' ? 200 : 1500);
  });

  it('takes beats as signs of life, without passing them on, until the deadline', async () => {
    bus.subscribe(subject('beats'), 'workers', (msg) => {
      const writer = new FrameWriter(bus.nc, msg.reply!);
      const beating = setInterval(() => writer.beat(), 100);
      setTimeout(() => {
        clearInterval(beating);
        writer.done([], {
          finishReason: 'stop',
          nativeFinishReason: null,
          upstreamId: null,
          usage: {} as never,
        });
      }, 900);
    });
    // 900 ms of beats only, three times the silence limit: still alive.
    expect(await collect('beats')).toEqual(['done:0:']);
    let beating: NodeJS.Timeout | undefined;
    bus.subscribe(subject('beats-forever'), 'workers', (msg) => {
      const writer = new FrameWriter(bus.nc, msg.reply!);
      beating = setInterval(() => writer.beat(), 100);
    });
    const started = Date.now();
    const stream = bus.stream(subject('beats-forever'), encodeJson({}), { silenceMs: 300, timeoutMs: 700 });
    const error = await (async () => {
      for await (const frame of stream) void frame;
    })().catch((e: unknown) => e);
    clearInterval(beating);
    expect((error as MessagingError).reason).toBe('deadline');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('types request failures too', async () => {
    const error = await bus.request(subject('nobody-here'), {}, 500).catch((e: unknown) => e);
    expect((error as MessagingError).reason).toBe('no-responders');
  });
});
