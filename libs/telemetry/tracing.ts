import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  propagation,
  ROOT_CONTEXT,
} from '@opentelemetry/api';

export { SpanKind };

const tracer = () => trace.getTracer('switchyard');

/**
 * Runs `work` inside a span (a child of `parent`, or of the active context), ending it when the
 * work settles and marking it failed when the work throws.
 */
export async function inSpan<T>(
  name: string,
  options: { kind: SpanKind; attributes?: Attributes; parent?: Context; links?: Link[] },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer().startActiveSpan(
    name,
    { kind: options.kind, attributes: options.attributes, links: options.links },
    parent,
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Marks a span failed without an exception (an error answer, a failed attempt). */
export function markFailed(span: Span, message: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message });
}

/** The W3C `traceparent` of the active span, to carry in a message body; undefined when not tracing. */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/**
 * Links to the spans whose `traceparent`s arrived in message bodies: one batch of work (a write of
 * many generations) belongs to many traces, so it links to each rather than having one parent.
 */
export function linksTo(traceparents: readonly (string | undefined)[]): Link[] {
  const links: Link[] = [];
  for (const traceparent of traceparents) {
    if (!traceparent) continue;
    const spanContext = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent }));
    if (spanContext && trace.isSpanContextValid(spanContext)) links.push({ context: spanContext });
  }
  return links;
}
