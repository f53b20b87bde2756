import type { ChunkDelta } from '../../contracts';
import type { UpstreamDelta } from './openai-compatible-api';

/**
 * Reasoning arrives under OpenRouter's name, `reasoning`, unless the client asked to exclude it
 * (`includeReasoning: false`): the delta then keeps everything else, so the stream stays alive
 * while the model thinks.
 * Clients assemble tool calls by `index`, so every call gets one. Mistral sends each call whole in one
 * delta and without an index; those take the next free index, `nextToolCallIndex` onwards.
 * Mistral also repeats `name: ""` after the first delta, which would blank the name for clients that
 * keep the last one seen, so only a non-empty name is passed on.
 * https://platform.openai.com/docs/api-reference/chat-streaming/streaming#chat-streaming/streaming-choices
 * https://docs.mistral.ai/capabilities/function_calling/
 */
export function convertDelta(
  delta: UpstreamDelta,
  nextToolCallIndex: number,
  { includeReasoning }: { includeReasoning: boolean } = { includeReasoning: true },
): ChunkDelta {
  const reasoning = includeReasoning ? (delta.reasoning_content ?? delta.reasoning) : undefined;
  let unindexed = 0;
  return {
    ...(delta.role && { role: 'assistant' as const }),
    ...(delta.content !== undefined && { content: delta.content }),
    ...(typeof reasoning === 'string' && { reasoning }),
    ...(delta.refusal !== undefined && { refusal: delta.refusal }),
    ...(delta.tool_calls?.length && {
      tool_calls: delta.tool_calls.map((call) => ({
        index: call.index ?? nextToolCallIndex + unindexed++,
        ...(call.id && { id: call.id, type: 'function' as const }),
        function: {
          ...(call.function?.name && { name: call.function.name }),
          arguments: call.function?.arguments ?? '',
        },
      })),
    }),
  };
}
