import { JetStreamApiError } from '@nats-io/jetstream';
import { NoRespondersError, TimeoutError } from '@nats-io/transport-node';

/** Long enough for a cluster that lost a node to elect the leaders it lost (a few seconds). */
const WITHIN_MS = 30_000;
const MAX_PAUSE_MS = 2_000;

/**
 * A set-up call (a stream, a bucket, a consumer) made as a service starts, retried while JetStream
 * cannot answer yet: a cluster that has just lost a node leaves its API unanswered, or answers
 * 503, until it has elected new leaders. Any other error, or the same past `withinMs`, is thrown.
 */
export async function whileJetStreamRecovers<T>(call: () => Promise<T>, withinMs = WITHIN_MS): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (let pause = 100; ; pause = Math.min(2 * pause, MAX_PAUSE_MS)) {
    try {
      return await call();
    } catch (error) {
      if (!isUnavailable(error) || Date.now() + pause > deadline) throw error;
      if (pause === 100)
        console.warn(
          `JetStream is not answering yet (${String(error)}); trying again for up to ${withinMs / 1000} s`,
        );
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** JetStream not answering yet, as the client tells it (the error or one of its causes). */
export function isUnavailable(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof TimeoutError || cause instanceof NoRespondersError) return true;
    if (cause instanceof JetStreamApiError && cause.status === 503) return true;
  }
  return false;
}
