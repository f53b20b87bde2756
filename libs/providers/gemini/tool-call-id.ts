/**
 * An id for a function call, which OpenAI's clients need to match results to calls. Gemini mostly
 * sends none, so one is made from the generation id (unique per request, the same in every chunk)
 * and the call's position; an id Gemini does send is kept.
 * https://ai.google.dev/api/caching#FunctionCall
 */
export function toolCallId(generationId: string, index: number, upstreamId?: string | null): string {
  return upstreamId || `call_${generationId.replace(/^gen-/, '')}_${index}`;
}
