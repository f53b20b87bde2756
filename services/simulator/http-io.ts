import type { IncomingMessage, ServerResponse } from 'node:http';

/** A complete HTTP error answer: status, body in the provider's error shape, and its headers. */
export interface HttpFailure {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Rejects when the client goes away mid-body, so an aborted upload does not leave a handler waiting. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('the client closed the connection before sending the whole body'));
    });
  });
}

/** A known length lets the client reuse the keep-alive connection without chunked framing. */
export function sendJson(
  res: ServerResponse,
  status: number,
  json: string,
  headers?: Record<string, string>,
) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
    ...headers,
  });
  res.end(json);
}

export function sendFailure(res: ServerResponse, failure: HttpFailure): void {
  sendJson(res, failure.status, JSON.stringify(failure.body), failure.headers);
}

/** Resolves when the data has reached the socket, so a following destroy cannot drop it. */
export function write(res: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve) => res.write(data, () => resolve()));
}

/** Resolves after `ms`, or as soon as the client goes away, so no timer outlives its request. */
export function pause(ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.once('close', done);
  });
}
