import { errors, GatewayError, type WireError } from '../../libs/contracts';
import { Bus, MessagingError } from '../../libs/messaging';

/** How a service answers a query over NATS: the data, or an error in the gateway's shape. */
export type QueryReply<T> = { ok: true; data: T } | ({ ok: false } & WireError);

/**
 * Asks another service (metrics, router) and returns `{ data }` as OpenRouter's read endpoints
 * answer; a service that does not answer is a 503 saying what is unavailable.
 */
export async function queryService<T = Record<string, unknown>>(
  bus: Bus,
  subject: string,
  query: unknown,
  options: { timeoutMs: number; unavailable: string },
): Promise<{ data: T }> {
  let reply: QueryReply<T>;
  try {
    reply = await bus.request<QueryReply<T>>(subject, query, options.timeoutMs);
  } catch (error) {
    if (error instanceof MessagingError) throw errors.noProvider(options.unavailable);
    throw error;
  }
  if (!reply.ok) throw GatewayError.fromWire(reply);
  return { data: reply.data };
}
