export type MessagingFailure =
  'no-responders' | 'timeout' | 'first-frame-timeout' | 'idle-timeout' | 'out-of-order';

/** A failure of the bus itself (nobody listening, nobody answering), as opposed to an answer that is an error. */
export class MessagingError extends Error {
  constructor(
    readonly reason: MessagingFailure,
    message: string,
  ) {
    super(message);
    this.name = 'MessagingError';
  }
}
