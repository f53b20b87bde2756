/**
 * Whether a model id names Gemini 3 or later, which take `thinkingLevel` and validate thought
 * signatures on function calls; 2.x models take `thinkingBudget` only. The API lists no such
 * capability, so the id is what there is to go by.
 * https://ai.google.dev/gemini-api/docs/gemini-3#thinking_level
 */
export function isGemini3OrLater(upstreamModel: string): boolean {
  const major = /(?:^|\/)gemini-(\d+)/i.exec(upstreamModel)?.[1];
  return major !== undefined && Number(major) >= 3;
}
