import type { Msg, NatsConnection } from '@nats-io/transport-node';
import { createInbox, nuid } from '@nats-io/transport-node';
import { FRAME_KIND_HEADER, FRAME_SEQ_HEADER, FRAME_SUMMARY_HEADER, type FrameKind } from '../contracts';
import { MessagingError } from './messaging-error';
import { traceHeaders } from './trace-context';

export interface Frame {
  kind: FrameKind;
  seq: number;
  data: Uint8Array;
  /** The AttemptSummary's JSON, on a `done` frame. */
  summary?: string;
}

export interface StreamOptions {
  /**
   * How long the other end may send nothing at all (no chunk or beat) before it is taken for
   * dead: a worker sends beats while it waits on its provider, so silence means the process is gone.
   */
  silenceMs: number;
  /** The whole stream's budget: the request's deadline. */
  timeoutMs: number;
}

/**
 * Many-reply requests over one wildcard inbox subscription per connection: opening a stream costs
 * no SUB/UNSUB round of its own, only an entry in a map.
 */
export class FrameStreams {
  private readonly prefix = createInbox();
  private readonly open = new Map<string, FrameQueue>();

  constructor(private readonly nc: NatsConnection) {
    nc.subscribe(`${this.prefix}.*`, {
      callback: (_err, msg) => this.open.get(msg.subject.slice(this.prefix.length + 1))?.push(msg),
    });
  }

  /**
   * Sends one request and yields the replies in order, until a `done` or `error` frame. Beats are
   * taken in here; every wait is bounded; no-responders is reported at once.
   */
  async *request(
    subject: string,
    payload: Uint8Array,
    options: StreamOptions,
    headers?: Record<string, string>,
  ): AsyncGenerator<Frame> {
    const token = nuid.next();
    const queue = new FrameQueue();
    this.open.set(token, queue);
    const deadline = Date.now() + options.timeoutMs;
    try {
      this.nc.publish(subject, payload, { reply: `${this.prefix}.${token}`, headers: traceHeaders(headers) });
      let expectedSeq = 0;
      for (;;) {
        const left = deadline - Date.now();
        const msg = left > 0 ? await queue.next(Math.min(options.silenceMs, left)) : undefined;
        if (!msg) {
          throw Date.now() >= deadline
            ? new MessagingError('deadline', `no complete answer within ${options.timeoutMs} ms`)
            : new MessagingError('silent', `nothing heard for ${options.silenceMs} ms`);
        }
        if (msg.data.length === 0 && msg.headers?.code === 503) {
          throw new MessagingError('no-responders', `no worker is serving ${subject}`);
        }
        const frame = toFrame(msg);
        if (frame.kind === 'beat') continue;
        if (frame.seq !== expectedSeq) {
          throw new MessagingError('out-of-order', `expected frame ${expectedSeq}, got ${frame.seq}`);
        }
        expectedSeq++;
        yield frame;
        if (frame.kind !== 'chunk') return;
      }
    } finally {
      this.open.delete(token);
      queue.close();
    }
  }
}

function toFrame(msg: Msg): Frame {
  const kind = (msg.headers?.get(FRAME_KIND_HEADER) || 'chunk') as FrameKind;
  const seq = Number(msg.headers?.get(FRAME_SEQ_HEADER) ?? NaN);
  return { kind, seq, data: msg.data, summary: msg.headers?.get(FRAME_SUMMARY_HEADER) || undefined };
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
