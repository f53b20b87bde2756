/**
 * `silent`: a stream's other end sent nothing for its silence limit (the process is gone);
 * `deadline`: a stream ran out of its time budget; `timeout`: a request got no answer in time.
 */
export type MessagingFailure = 'no-responders' | 'timeout' | 'silent' | 'deadline' | 'out-of-order';

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
