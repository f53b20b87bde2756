import type { ChatMessage } from '../../../libs/contracts';
import type { ContentPart, InputItem, ResponsesRequest } from './responses-request';

/**
 * Responses fields that say how OpenAI keeps or bills a response, not what the model is asked:
 * read here or meaningless for a stateless gateway, so they do not reach the chat request.
 */
const RESPONSES_ONLY = [
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'reasoning',
  'text',
  'max_output_tokens',
  'top_logprobs',
  'metadata',
  'store',
  'previous_response_id',
  'conversation',
  'background',
  'truncation',
  'include',
  'prompt_cache_key',
  'safety_identifier',
  'service_tier',
  'stream_options',
  'max_tool_calls',
] as const;

type ChatContentPart = Exclude<Extract<ChatMessage, { role: 'user' }>['content'], string>[number];
type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }> & {
  reasoning_details?: { type: string; summary?: string; data?: string }[];
};

/**
 * A Responses request as the gateway's chat request: `instructions` as the system message, the input
 * items as messages (function calls on the assistant turn they belong to, their outputs as tool
 * messages, reasoning handed back as OpenRouter's `reasoning_details`), flat function tools as chat
 * tools, `text.format` as `response_format`, `max_output_tokens` as `max_tokens`. What else the body
 * holds (`provider`, `models`, `session_id`, sampling parameters) passes on as it is.
 * https://platform.openai.com/docs/guides/migrate-to-responses
 */
export function toChatRequest(request: ResponsesRequest): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...request };
  for (const field of RESPONSES_ONLY) delete rest[field];
  const format = request.text?.format;
  const { summary: _summary, ...reasoning } = request.reasoning ?? {};
  return {
    ...rest,
    messages: [
      ...(request.instructions ? [{ role: 'system', content: request.instructions }] : []),
      ...toMessages(request.input),
    ],
    ...(request.max_output_tokens && { max_tokens: request.max_output_tokens }),
    ...(request.top_logprobs !== undefined &&
      request.top_logprobs !== null && {
        logprobs: true,
        top_logprobs: request.top_logprobs,
      }),
    ...(request.tools?.length && {
      tools: request.tools.map(({ name, description, parameters, strict }) => ({
        type: 'function',
        function: {
          name,
          ...(description && { description }),
          ...(parameters && { parameters }),
          ...(strict !== undefined && strict !== null && { strict }),
        },
      })),
    }),
    ...(request.tool_choice && {
      tool_choice:
        typeof request.tool_choice === 'string'
          ? request.tool_choice
          : { type: 'function', function: { name: request.tool_choice.name } },
    }),
    ...(format && {
      response_format:
        format.type === 'json_schema'
          ? {
              type: 'json_schema',
              json_schema: {
                name: format.name,
                schema: format.schema,
                ...(format.description && { description: format.description }),
                ...(format.strict !== undefined && format.strict !== null && { strict: format.strict }),
              },
            }
          : { type: format.type },
    }),
    ...(Object.keys(reasoning).length > 0 && { reasoning: withoutNulls(reasoning) }),
  };
}

function toMessages(input: ResponsesRequest['input']): ChatMessage[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  const messages: ChatMessage[] = [];
  /** Reasoning items wait for the assistant turn they came before. */
  let reasoning: NonNullable<AssistantMessage['reasoning_details']> = [];
  const assistantTurn = (): AssistantMessage => {
    const last = messages.at(-1);
    if (last?.role === 'assistant') return last as AssistantMessage;
    const turn: AssistantMessage = { role: 'assistant', content: null };
    messages.push(turn);
    return turn;
  };
  for (const item of input) {
    switch (item.type) {
      case 'reasoning':
        for (const part of item.summary ?? [])
          reasoning.push({ type: 'reasoning.summary', summary: part.text });
        if (item.encrypted_content)
          reasoning.push({ type: 'reasoning.encrypted', data: item.encrypted_content });
        continue;
      case 'function_call': {
        const turn = assistantTurn();
        turn.tool_calls = [
          ...(turn.tool_calls ?? []),
          { id: item.call_id, type: 'function', function: { name: item.name, arguments: item.arguments } },
        ];
        break;
      }
      case 'function_call_output':
        messages.push({
          role: 'tool',
          tool_call_id: item.call_id,
          content: typeof item.output === 'string' ? item.output : textOf(item.output),
        });
        break;
      default:
        messages.push(toMessage(item));
    }
    if (reasoning.length > 0) {
      const last = messages.at(-1) as AssistantMessage;
      if (last.role === 'assistant') {
        last.reasoning_details = [...(last.reasoning_details ?? []), ...reasoning];
        reasoning = [];
      }
    }
  }
  return messages;
}

function toMessage(item: Extract<InputItem, { role: string }>): ChatMessage {
  const { role, content } = item;
  if (role === 'user') {
    return { role, content: typeof content === 'string' ? content : content.map(toUserPart) };
  }
  const text = typeof content === 'string' ? content : textOf(content);
  return role === 'assistant' ? { role, content: text } : { role, content: text };
}

function toUserPart(part: ContentPart): ChatContentPart {
  switch (part.type) {
    case 'input_image':
      return {
        type: 'image_url',
        image_url: { url: part.image_url, ...(part.detail && { detail: part.detail }) },
      };
    case 'input_file':
      return {
        type: 'file',
        file: withoutNulls({ filename: part.filename, file_data: part.file_data ?? part.file_url }),
      };
    case 'refusal':
      return { type: 'text', text: part.refusal };
    default:
      return { type: 'text', text: part.text };
  }
}

/** The text parts of a system, assistant or tool content, joined: chat takes text there. */
function textOf(parts: ContentPart[]): string {
  return parts
    .map((part) => (part.type === 'refusal' ? part.refusal : 'text' in part ? part.text : ''))
    .join('');
}

function withoutNulls<T extends Record<string, unknown>>(fields: T): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== null && value !== undefined),
  );
}
