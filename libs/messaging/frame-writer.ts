import { headers as natsHeaders, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import {
  FRAME_KIND_HEADER,
  FRAME_SEQ_HEADER,
  FRAME_SUMMARY_HEADER,
  type AttemptSummary,
  type FrameKind,
  type WireError,
} from '../contracts';

const encoder = new TextEncoder();

/** The worker's side of a frame stream: numbered frames to one reply inbox. */
export class FrameWriter {
  private seq = 0;
  private ended = false;
  /** Epoch ms of the last frame sent (or of the writer's creation): when a beat is due. */
  lastSentAt = Date.now();

  /**
   * `onEnd` runs right after the last frame (done or error) is published, in the same tick, so
   * that what it publishes (the attempt's event) leaves in the same socket write.
   */
  constructor(
    private readonly nc: NatsConnection,
    private readonly replyTo: string,
    private readonly onEnd?: () => void,
  ) {}

  get started(): boolean {
    return this.seq > 0;
  }

  /** Chunks that are ready together go in one message. */
  chunks(jsons: string[]): void {
    if (jsons.length > 0) this.write('chunk', jsons.join('\n'));
  }

  done(lastChunks: string[], summary: AttemptSummary): void {
    this.write('done', lastChunks.join('\n'), { [FRAME_SUMMARY_HEADER]: JSON.stringify(summary) });
    this.end();
  }

  /** `delivered`: what had reached the client before the failure, to be recorded and charged. */
  error(wire: WireError, delivered?: AttemptSummary | null): void {
    this.write(
      'error',
      JSON.stringify(wire),
      delivered ? { [FRAME_SUMMARY_HEADER]: JSON.stringify(delivered) } : undefined,
    );
    this.end();
  }

  /** "Still here, still on it": an empty frame outside the numbering, while there is nothing else to send. */
  beat(): void {
    if (this.ended) return;
    const headers: MsgHdrs = natsHeaders();
    headers.set(FRAME_KIND_HEADER, 'beat');
    this.nc.publish(this.replyTo, undefined, { headers });
    this.lastSentAt = Date.now();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd?.();
  }

  private write(kind: FrameKind, payload: string, extra?: Record<string, string>): void {
    if (this.ended) return;
    const headers: MsgHdrs = natsHeaders();
    headers.set(FRAME_KIND_HEADER, kind);
    headers.set(FRAME_SEQ_HEADER, String(this.seq++));
    if (extra) for (const key in extra) headers.set(key, extra[key]);
    this.nc.publish(this.replyTo, encoder.encode(payload), { headers });
    this.lastSentAt = Date.now();
  }
}
