import type { AssistantMessage, GatewayCompletion, ReasoningDetail } from '../../../libs/contracts';
import {
  incompleteReason,
  itemId,
  responseObject,
  toResponseUsage,
  type ResponseHead,
} from './response-object';

/** The reasoning of a message as a Responses `reasoning` item: its text as the summary, encrypted parts kept. */
export function reasoningItem(
  id: string,
  text: string,
  details: readonly ReasoningDetail[] = [],
): Record<string, unknown> {
  const encrypted = details.find((detail) => detail.type === 'reasoning.encrypted');
  return {
    type: 'reasoning',
    id,
    summary: text ? [{ type: 'summary_text', text }] : [],
    ...(encrypted && { encrypted_content: encrypted.data }),
  };
}

export function messageItem(id: string, text: string, refusal = ''): Record<string, unknown> {
  return {
    type: 'message',
    id,
    status: 'completed',
    role: 'assistant',
    content: [
      ...(text || !refusal ? [{ type: 'output_text', text, annotations: [], logprobs: [] }] : []),
      ...(refusal ? [{ type: 'refusal', refusal }] : []),
    ],
  };
}

export function functionCallItem(
  id: string,
  call: { id: string; name: string; arguments: string },
): Record<string, unknown> {
  return {
    type: 'function_call',
    id,
    call_id: call.id,
    name: call.name,
    arguments: call.arguments,
    status: 'completed',
  };
}

/** The reasoning text of a message: its `reasoning`, else what its details say in words. */
function reasoningText(message: AssistantMessage): string {
  if (message.reasoning) return message.reasoning;
  return (message.reasoning_details ?? [])
    .map((detail) =>
      detail.type === 'reasoning.text'
        ? detail.text
        : detail.type === 'reasoning.summary'
          ? detail.summary
          : '',
    )
    .join('');
}

/**
 * The worker's whole `chat.completion` as a Response: reasoning first, then the message, then one
 * `function_call` item per tool call, in OpenAI's order. An answer cut by `max_output_tokens` (or a
 * content filter) is `incomplete`, with the reason.
 * https://platform.openai.com/docs/api-reference/responses/object
 */
export function toResponse(completion: GatewayCompletion, head: ResponseHead): Record<string, unknown> {
  const [choice] = completion.choices;
  const { message } = choice;
  const output: unknown[] = [];
  const reasoning = reasoningText(message);
  if (reasoning || message.reasoning_details?.length) {
    output.push(reasoningItem(itemId('rs', head.id, output.length), reasoning, message.reasoning_details));
  }
  const text = message.content ?? '';
  const refusal = message.refusal ?? '';
  if (text || refusal || !message.tool_calls?.length) {
    output.push(messageItem(itemId('msg', head.id, output.length), text, refusal));
  }
  for (const call of message.tool_calls ?? []) {
    output.push(
      functionCallItem(itemId('fc', head.id, output.length), {
        id: call.id,
        name: call.function.name,
        arguments: call.function.arguments,
      }),
    );
  }
  const reason = incompleteReason(choice.finish_reason);
  return responseObject(head, {
    status: reason ? 'incomplete' : 'completed',
    output,
    usage: toResponseUsage(completion.usage),
    incompleteReason: reason,
    provider: completion.provider,
  });
}
