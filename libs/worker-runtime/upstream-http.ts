import { Agent, request, type Dispatcher } from 'undici';

/**
 * One keep-alive connection pool per upstream origin, shared by every job of this process:
 * the TLS handshake is paid once, not per request.
 */
const agent = new Agent({
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 600_000,
  connections: 256,
  pipelining: 1,
});

export interface UpstreamCall {
  url: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
  /** Bounds the wait for response headers and between body chunks. */
  timeoutMs: number;
}

export function callUpstream(call: UpstreamCall): Promise<Dispatcher.ResponseData> {
  return request(call.url, {
    method: 'POST',
    headers: call.headers,
    body: call.body,
    signal: call.signal,
    dispatcher: agent,
    headersTimeout: call.timeoutMs,
    bodyTimeout: call.timeoutMs,
  });
}

export function closeUpstreamPool(): Promise<void> {
  return agent.close();
}
