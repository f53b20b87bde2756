/**
 * One server-sent event as Anthropic writes them: the event name repeats the data's `type`, which is
 * what Anthropic's SDKs dispatch on.
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 */
export function formatSseEvent(event: { type: string }): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
