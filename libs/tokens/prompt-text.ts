import type { ChatRequest } from '../contracts';

/** What a request sends the model, to count its tokens: its text, and its parts that are not text. */
export interface PromptText {
  /** Every text of the messages, tool calls, tool definitions and response format, one per line. */
  text: string;
  /** Images, audio clips and files: counted by a fixed allowance each, not by their bytes. */
  media: number;
  messages: number;
}

/**
 * The prompt of a request as the worker sends it. Tool definitions and a response format's schema
 * are text the provider adds to the prompt (and bills), so their JSON is counted too.
 */
export function promptText(request: ChatRequest): PromptText {
  const texts: string[] = [];
  let media = 0;
  for (const message of request.messages) {
    if (typeof message.content === 'string') texts.push(message.content);
    else if (Array.isArray(message.content)) {
      for (const part of message.content) {
        if (part.type === 'text') texts.push(part.text);
        else media += 1;
      }
    }
    if (message.role === 'assistant') {
      for (const call of message.tool_calls ?? []) texts.push(call.function.name, call.function.arguments);
    }
  }
  if (request.tools) texts.push(JSON.stringify(request.tools));
  const format = request.response_format;
  if (format?.type === 'json_schema') texts.push(JSON.stringify(format.json_schema));
  return { text: texts.join('\n'), media, messages: request.messages.length };
}
