import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import {
  FRAME_KIND_HEADER,
  FRAME_SEQ_HEADER,
  type AttemptSummary,
  type FrameKind,
  type WireError,
} from '../contracts';

const encoder = new TextEncoder();

/** The worker's side of a frame stream: numbered frames to one reply inbox. */
export class FrameWriter {
  private seq = 0;
  private ended = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly replyTo: string,
  ) {}

  get started(): boolean {
    return this.seq > 0;
  }

  get finished(): boolean {
    return this.ended;
  }

  chunk(json: string): void {
    this.write('chunk', json);
  }

  done(summary: AttemptSummary): void {
    this.write('done', JSON.stringify(summary));
    this.ended = true;
  }

  error(wire: WireError): void {
    this.write('error', JSON.stringify(wire));
    this.ended = true;
  }

  private write(kind: FrameKind, json: string): void {
    if (this.ended) return;
    const headers = natsHeaders();
    headers.set(FRAME_KIND_HEADER, kind);
    headers.set(FRAME_SEQ_HEADER, String(this.seq++));
    this.nc.publish(this.replyTo, encoder.encode(json), { headers });
  }
}
