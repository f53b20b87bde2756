/**
 * For tests: reads a response body that may end in an error (a cut socket, a client timeout), keeping
 * what arrived before it.
 */
export async function readUntilEnd(response: Response): Promise<{ text: string; failed: boolean }> {
  if (!response.body) return { text: '', failed: false };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      text += decoder.decode(next.value, { stream: true });
    }
    return { text, failed: false };
  } catch {
    return { text, failed: true };
  }
}
