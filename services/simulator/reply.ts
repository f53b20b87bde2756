import { isRecord } from './is-record';
import type { ReplyShape } from './protocol';
import { exampleObject } from './schema-example';

/**
 * The simulator's answer, a pure function of the request, exported so tests can compute the exact
 * output they should see through the gateway.
 */
export interface ReplyMessage {
  role: string;
  content?: unknown;
}

export interface ReplyTool {
  function: { name: string; parameters?: unknown };
}

/**
 * The request fields the reply depends on, named as on OpenAI's wire (a contracts `ChatRequest` fits);
 * the Anthropic and Gemini protocols convert their requests to it.
 */
export interface ReplyRequest {
  messages: readonly ReplyMessage[];
  tools?: readonly ReplyTool[] | null;
  tool_choice?: unknown;
  response_format?: { type: string; json_schema?: { schema?: unknown } } | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
}

export interface PlannedToolCall {
  id: string;
  name: string;
  /** JSON text, as OpenAI sends it. */
  arguments: string;
}

export type ReplyPlan = { kind: 'text'; text: string } | { kind: 'tool_calls'; calls: PlannedToolCall[] };

export type FinishReason = 'stop' | 'length' | 'tool_calls';

/** What is sent: the plan cut to the token limit, with its usage. */
export interface Completion {
  /** One per streamed chunk; joined, they are the message content. Empty for tool calls. */
  tokens: string[];
  toolCalls: PlannedToolCall[];
  /** null: the reply stopped without saying why (an empty reply). */
  finishReason: FinishReason | null;
  usage: { promptTokens: number; completionTokens: number };
  /** Whether the answer tells its usage; the counts above pace it either way. */
  reportsUsage: boolean;
}

/** Tool results first (so agent loops end), then a tool call, then structured output, then the echo. */
export function planReply(request: ReplyRequest): ReplyPlan {
  const last = request.messages.at(-1);
  if (last?.role === 'tool') return { kind: 'text', text: `Tool result: ${textOf(last.content)}` };
  const tool = chosenTool(request);
  if (tool) {
    const args = JSON.stringify(exampleObject(tool.function.parameters));
    return { kind: 'tool_calls', calls: [{ id: 'call_sim_0', name: tool.function.name, arguments: args }] };
  }
  const format = request.response_format;
  if (format?.type === 'json_schema') {
    return { kind: 'text', text: JSON.stringify(exampleObject(format.json_schema?.schema)) };
  }
  const userText = lastUserText(request.messages);
  if (format?.type === 'json_object') return { kind: 'text', text: JSON.stringify({ echo: userText }) };
  return { kind: 'text', text: `Echo: ${userText.trim() === '' ? '(empty)' : userText}` };
}

/** The plan as sent: text cut to `max_completion_tokens` (or `max_tokens`), and the token counts. */
export function completeReply(
  request: ReplyRequest,
  shape: ReplyShape = { empty: false, usage: true },
): Completion {
  return { ...plannedCompletion(request, shape.empty), reportsUsage: shape.usage };
}

function plannedCompletion(request: ReplyRequest, empty: boolean): Omit<Completion, 'reportsUsage'> {
  const plan = planReply(request);
  const promptTokens = countPromptTokens(request.messages);
  if (empty)
    return { tokens: [], toolCalls: [], finishReason: null, usage: { promptTokens, completionTokens: 0 } };
  if (plan.kind === 'tool_calls') {
    const completionTokens = plan.calls.reduce((sum, call) => sum + splitArguments(call.arguments).length, 0);
    return {
      tokens: [],
      toolCalls: plan.calls,
      finishReason: 'tool_calls',
      usage: { promptTokens, completionTokens },
    };
  }
  const all = tokenize(plan.text);
  const limit = request.max_completion_tokens ?? request.max_tokens ?? all.length;
  const tokens = all.slice(0, limit);
  const finishReason = all.length > limit ? 'length' : 'stop';
  return { tokens, toolCalls: [], finishReason, usage: { promptTokens, completionTokens: tokens.length } };
}

/**
 * Words with their trailing whitespace (leading whitespace joins the first), so the tokens join back to
 * the text exactly; a whitespace-only text is one token.
 */
export function tokenize(text: string): string[] {
  const tokens = text.match(/\S+\s*/g);
  if (!tokens) return text === '' ? [] : [text];
  const leading = /^\s+/.exec(text);
  if (leading) tokens[0] = leading[0] + tokens[0];
  return tokens;
}

/** Words of every message's text, plus one per message for the role, as a rough stand-in for a tokenizer. */
export function countPromptTokens(messages: readonly ReplyMessage[]): number {
  return messages.reduce((sum, message) => sum + countWords(textOf(message.content)) + 1, 0);
}

/** The simulator's tokenizer: one token per whitespace-separated word (embedding inputs count just these). */
export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** Tool-call arguments stream in fragments of up to four characters (never splitting a code point). */
export function splitArguments(args: string): string[] {
  return args.match(/[\s\S]{1,4}/gu) ?? [];
}

/** A string, or the text parts of a content array joined by a space; anything else has no text. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isTextPart)
    .map((part) => part.text)
    .join(' ');
}

function lastUserText(messages: readonly ReplyMessage[]): string {
  return textOf(messages.findLast((message) => message.role === 'user')?.content);
}

/** `tool_choice: 'none'` turns tools off; the object form names one; otherwise the first tool is called. */
function chosenTool(request: ReplyRequest): ReplyTool | undefined {
  const tools = request.tools ?? [];
  if (tools.length === 0 || request.tool_choice === 'none') return undefined;
  const name = namedToolChoice(request.tool_choice);
  return name === undefined ? tools[0] : tools.find((tool) => tool.function.name === name);
}

/** The function `{ type: 'function', function: { name } }` names, if `choice` has that form. */
export function namedToolChoice(choice: unknown): string | undefined {
  if (!isRecord(choice) || !isRecord(choice.function)) return undefined;
  return typeof choice.function.name === 'string' ? choice.function.name : undefined;
}

function isTextPart(part: unknown): part is { type: 'text'; text: string } {
  return isRecord(part) && part.type === 'text' && typeof part.text === 'string';
}
