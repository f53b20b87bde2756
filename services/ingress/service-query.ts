import { errors, GatewayError, type QueryReply } from '../../libs/contracts';
import { Bus, MessagingError } from '../../libs/messaging';

export interface QueryOptions {
  timeoutMs: number;
  /** The 503's message when no replica of the service answers. */
  unavailable: string;
}

/**
 * Asks another service (metrics, router) and returns what it answered; an error it answered is
 * thrown as that error, and a service that does not answer is a 503 saying what is unavailable.
 */
export async function askService<T>(
  bus: Bus,
  subject: string,
  query: unknown,
  options: QueryOptions,
): Promise<T> {
  let reply: QueryReply<T>;
  try {
    reply = await bus.request<QueryReply<T>>(subject, query, options.timeoutMs);
  } catch (error) {
    if (error instanceof MessagingError) throw errors.noProvider(options.unavailable);
    throw error;
  }
  if (!reply.ok) throw GatewayError.fromWire(reply);
  return reply.data;
}

/** `{ data }`, as OpenRouter's read endpoints answer. */
export async function queryService<T = Record<string, unknown>>(
  bus: Bus,
  subject: string,
  query: unknown,
  options: QueryOptions,
): Promise<{ data: T }> {
  return { data: await askService<T>(bus, subject, query, options) };
}
