import { context, propagation, type Context, type TextMapGetter } from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';

/** W3C trace context (traceparent/tracestate) rides in NATS headers, so one trace spans every hop. */
const getter: TextMapGetter<MsgHdrs> = {
  keys: (carrier) => carrier.keys(),
  get: (carrier, key) => carrier.get(key) || undefined,
};

/**
 * `extra` headers plus the active trace context, or none at all when there is nothing to carry
 * (tracing off): a message without headers is smaller and cheaper to encode and parse.
 */
export function traceHeaders(extra?: Record<string, string>): MsgHdrs | undefined {
  const carrier: Record<string, string> = { ...extra };
  propagation.inject(context.active(), carrier);
  let headers: MsgHdrs | undefined;
  for (const key in carrier) {
    headers ??= natsHeaders();
    headers.set(key, carrier[key]);
  }
  return headers;
}

export function contextFromHeaders(carrier: MsgHdrs | undefined): Context {
  return carrier ? propagation.extract(context.active(), carrier, getter) : context.active();
}
