import type { TestStack } from './test-stack';

/** A key as the keys API returns it (the fields the tests read). */
export interface ManagedKey {
  hash: string;
  name: string;
  label: string;
  disabled: boolean;
  limit: number | null;
  limit_remaining: number | null;
  usage: number;
  [field: string]: unknown;
}

/** Calls the gateway over HTTP with a key (the admin key by default), returning status, headers and JSON body. */
export async function callGateway(
  stack: TestStack,
  method: string,
  path: string,
  options: { body?: unknown; key?: string; baseUrl?: string } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the answer holds
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(`${options.baseUrl ?? stack.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${options.key ?? stack.adminKey}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** Creates a managed key through the API; its plaintext is in `key`, as only this answer shows it. */
export async function createKey(
  stack: TestStack,
  body: Record<string, unknown>,
): Promise<{ key: string; data: ManagedKey }> {
  const created = await callGateway(stack, 'POST', '/keys', { body });
  if (created.status !== 201)
    throw new Error(`creating a key failed: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

/** A chat completion sent with `key`; resolves to status, headers and body, whatever the status. */
export function chat(stack: TestStack, key: string, body: Record<string, unknown>, baseUrl?: string) {
  return callGateway(stack, 'POST', '/chat/completions', { key, body, baseUrl });
}
