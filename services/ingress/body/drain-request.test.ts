import { PassThrough } from 'node:stream';
import { drainRequest } from './drain-request';

/** A request body stream as Node's IncomingMessage shows it: `complete` once it has ended. */
function body(): PassThrough & { complete: boolean } {
  const stream = new PassThrough() as PassThrough & { complete: boolean };
  stream.complete = false;
  stream.on('end', () => (stream.complete = true));
  return stream;
}

it('resolves at once for a body already read', async () => {
  const request = body();
  request.complete = true;
  await expect(drainRequest(request)).resolves.toBeUndefined();
});

it('reads the rest of the body and resolves at its end', async () => {
  const request = body();
  let settled = false;
  const drained = drainRequest(request).then(() => (settled = true));
  request.write(Buffer.alloc(1024));
  await new Promise(setImmediate);
  expect(settled).toBe(false);
  request.end(Buffer.alloc(1024));
  await drained;
  expect(request.readableLength).toBe(0);
});

it('gives up once more than maxBytes have been read', async () => {
  const request = body();
  const drained = drainRequest(request, 2048, 60_000);
  request.write(Buffer.alloc(4096));
  await expect(drained).resolves.toBeUndefined();
  expect(request.complete).toBe(false);
});

it('gives up after timeoutMs of a body that never ends', async () => {
  jest.useFakeTimers();
  try {
    const request = body();
    const drained = drainRequest(request, 1 << 20, 1000);
    jest.advanceTimersByTime(1000);
    await expect(drained).resolves.toBeUndefined();
  } finally {
    jest.useRealTimers();
  }
});

it('resolves when the client goes away mid-body', async () => {
  const request = body();
  const drained = drainRequest(request);
  request.destroy();
  await expect(drained).resolves.toBeUndefined();
});
