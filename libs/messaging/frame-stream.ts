import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { createInbox } from '@nats-io/transport-node';
import { FRAME_KIND_HEADER, FRAME_SEQ_HEADER, type FrameKind } from '../contracts';
import { MessagingError } from './messaging-error';
import { headersWithTraceContext } from './trace-context';

export interface Frame {
  kind: FrameKind;
  seq: number;
  data: Uint8Array;
}

export interface StreamOptions {
  /** How long to wait for the first frame (the worker's answer to "are you there and did upstream answer"). */
  firstFrameTimeoutMs: number;
  /** How long a started stream may stay silent. */
  idleTimeoutMs: number;
}

/**
 * Sends one request and yields the many replies that come back on a private inbox, in order, until
 * a `done` or `error` frame. Every wait is bounded; no-responders is reported at once.
 */
export async function* openFrameStream(
  nc: NatsConnection,
  subject: string,
  payload: Uint8Array,
  options: StreamOptions,
): AsyncGenerator<Frame> {
  const inbox = createInbox();
  const queue = new FrameQueue();
  const sub: Subscription = nc.subscribe(inbox, { callback: (_err, msg) => queue.push(msg) });
  try {
    nc.publish(subject, payload, { reply: inbox, headers: headersWithTraceContext() });
    let expectedSeq = 0;
    let timeoutMs = options.firstFrameTimeoutMs;
    for (;;) {
      const msg = await queue.next(timeoutMs);
      if (!msg) {
        throw expectedSeq === 0
          ? new MessagingError('first-frame-timeout', `no answer on ${subject} within ${timeoutMs} ms`)
          : new MessagingError('idle-timeout', `stream on ${subject} silent for ${timeoutMs} ms`);
      }
      if (msg.data.length === 0 && msg.headers?.code === 503) {
        throw new MessagingError('no-responders', `no worker is serving ${subject}`);
      }
      const frame = toFrame(msg);
      if (frame.seq !== expectedSeq) {
        throw new MessagingError(
          'out-of-order',
          `expected frame ${expectedSeq} on ${subject}, got ${frame.seq}`,
        );
      }
      expectedSeq++;
      timeoutMs = options.idleTimeoutMs;
      yield frame;
      if (frame.kind !== 'chunk') return;
    }
  } finally {
    sub.unsubscribe();
    queue.close();
  }
}

function toFrame(msg: Msg): Frame {
  const kind = (msg.headers?.get(FRAME_KIND_HEADER) || 'chunk') as FrameKind;
  const seq = Number(msg.headers?.get(FRAME_SEQ_HEADER) ?? NaN);
  return { kind, seq, data: msg.data };
}

/** The bridge from a callback subscription to awaitable reads, with a timeout per read. */
class FrameQueue {
  private readonly buffered: Msg[] = [];
  private waiter?: (msg: Msg | undefined) => void;
  private timer?: NodeJS.Timeout;

  push(msg: Msg): void {
    if (this.waiter) this.settle(msg);
    else this.buffered.push(msg);
  }

  next(timeoutMs: number): Promise<Msg | undefined> {
    const msg = this.buffered.shift();
    if (msg) return Promise.resolve(msg);
    return new Promise((resolve) => {
      this.waiter = resolve;
      this.timer = setTimeout(() => this.settle(undefined), timeoutMs);
    });
  }

  close(): void {
    this.settle(undefined);
    this.buffered.length = 0;
  }

  private settle(msg: Msg | undefined): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    clearTimeout(this.timer);
    waiter(msg);
  }
}
