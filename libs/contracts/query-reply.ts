import type { WireError } from './errors';

/** How a service answers a query over NATS: the data, or an error in the gateway's shape. */
export type QueryReply<T> = { ok: true; data: T } | ({ ok: false } & WireError);
