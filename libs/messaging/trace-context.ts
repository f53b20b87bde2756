import {
  context,
  propagation,
  type Context,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';

/** W3C trace context (traceparent/tracestate) rides in NATS headers, so one trace spans every hop. */
const setter: TextMapSetter<MsgHdrs> = { set: (carrier, key, value) => carrier.set(key, value) };
const getter: TextMapGetter<MsgHdrs> = {
  keys: (carrier) => carrier.keys(),
  get: (carrier, key) => carrier.get(key) || undefined,
};

export function headersWithTraceContext(extra?: Record<string, string>): MsgHdrs {
  const carrier = natsHeaders();
  propagation.inject(context.active(), carrier, setter);
  if (extra) for (const [key, value] of Object.entries(extra)) carrier.set(key, value);
  return carrier;
}

export function contextFromHeaders(carrier: MsgHdrs | undefined): Context {
  return carrier ? propagation.extract(context.active(), carrier, getter) : context.active();
}
