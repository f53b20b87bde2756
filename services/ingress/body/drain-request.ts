import type { Readable } from 'node:stream';

/** The most of a refused body read before answering anyway: beyond it the answer goes out and the connection closes. */
export const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Reads and discards the rest of a request body that will not be used (a 413), so a client still
 * sending it reads the answer instead of a broken pipe: Node closes the socket once the answer is
 * written, and a client mid-write then sees EPIPE rather than the status. Resolves at the body's
 * end, on an error, or once `maxBytes` or `timeoutMs` is passed.
 */
export function drainRequest(
  request: Readable & { complete: boolean },
  maxBytes = DRAIN_MAX_BYTES,
  timeoutMs = DRAIN_TIMEOUT_MS,
): Promise<void> {
  if (request.complete || request.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let read = 0;
    const finish = () => {
      clearTimeout(timer);
      request.off('data', onData).off('end', finish).off('error', finish).off('close', finish);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > maxBytes) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    request.on('data', onData).on('end', finish).on('error', finish).on('close', finish);
    request.resume();
  });
}
