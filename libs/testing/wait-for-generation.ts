import type { TestStack } from './test-stack';

/** The stored generation record, polled through GET /generation until metrics has written it. */
export async function waitForGeneration(
  stack: TestStack,
  id: string,
  timeoutMs = 5000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${stack.baseUrl}/generation?id=${id}`, {
      headers: { authorization: `Bearer ${stack.apiKey}` },
    });
    if (response.status === 200) return ((await response.json()) as { data: Record<string, unknown> }).data;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`generation ${id} was not recorded within ${timeoutMs} ms\n${stack.logs()}`);
}
