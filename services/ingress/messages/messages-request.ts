import { z } from 'zod';

/**
 * Anthropic's Messages request, as far as a gateway in front of OpenAI-compatible providers can honour
 * it. Fields outside this schema (`cache_control`, `citations`, `service_tier`, beta fields, …) are
 * dropped rather than refused, so clients that send them (Claude Code does) keep working; what cannot
 * be honoured and would change the answer (server tools, file ids, unknown block types) is refused
 * with the field named.
 * https://docs.anthropic.com/en/api/messages
 */

/** `is required` for a missing field; any other problem keeps zod's own message. */
const requiredField = (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : undefined);

/** A string is shorthand for one text block, wherever Anthropic accepts content. */
const asBlocks = (value: unknown) => (typeof value === 'string' ? [{ type: 'text', text: value }] : value);

const contentOf = <T extends z.ZodType>(block: T) =>
  z.preprocess(asBlocks, z.array(block, { error: 'must be a string or an array of content blocks' }));

/** Blocks told apart by `type`; any other type is refused, naming the ones `where` accepts. */
const oneOfBlocks = <T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]]>(
  where: string,
  accepted: string,
  blocks: T,
) => z.discriminatedUnion('type', blocks, { error: `unsupported block type; ${where} may hold ${accepted}` });

const textBlock = z.object({ type: z.literal('text'), text: z.string() });

const imageSource = z.discriminatedUnion(
  'type',
  [
    z.object({
      type: z.literal('base64'),
      media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']),
      data: z.string().min(1, 'must not be empty'),
    }),
    z.object({ type: z.literal('url'), url: z.string().min(1, 'must not be empty') }),
  ],
  { error: 'must be "base64" or "url" (file ids are not supported)' },
);
const imageBlock = z.object({ type: z.literal('image'), source: imageSource });

const toolResultBlock = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1, 'must not be empty'),
  content: contentOf(
    oneOfBlocks('a tool result', 'text and image blocks', [textBlock, imageBlock]),
  ).optional(),
  is_error: z.boolean().optional(),
});

const toolUseBlock = z.object({
  type: z.literal('tool_use'),
  id: z.string().min(1, 'must not be empty'),
  name: z.string().min(1, 'must not be empty'),
  input: z.record(z.string(), z.unknown()),
});

const thinkingBlock = z.object({
  type: z.literal('thinking'),
  thinking: z.string(),
  // Anthropic requires it; thinking that another model produced through the gateway has none.
  signature: z.string().optional(),
});
const redactedThinkingBlock = z.object({ type: z.literal('redacted_thinking'), data: z.string() });

const userMessage = z.object({
  role: z.literal('user'),
  content: contentOf(
    oneOfBlocks('a user message', 'text, image and tool_result blocks', [
      textBlock,
      imageBlock,
      toolResultBlock,
    ]),
  ),
});
const assistantMessage = z.object({
  role: z.literal('assistant'),
  content: contentOf(
    oneOfBlocks('an assistant message', 'text, tool_use, thinking and redacted_thinking blocks', [
      textBlock,
      toolUseBlock,
      thinkingBlock,
      redactedThinkingBlock,
    ]),
  ),
});
const message = z.discriminatedUnion('role', [userMessage, assistantMessage], {
  error: 'must be "user" or "assistant"',
});

const tool = z.object({
  type: z
    .literal('custom', {
      error: "only custom tools (with an input_schema) are supported, not Anthropic's server tools",
    })
    .nullish(),
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,128}$/, 'must be 1-128 letters, digits, _ or -'),
  description: z.string().optional(),
  input_schema: z.object({ type: z.literal('object') }).loose(),
  strict: z.boolean().optional(),
});

const disableParallelToolUse = z.boolean().optional();
const toolChoice = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('auto'), disable_parallel_tool_use: disableParallelToolUse }),
    z.object({ type: z.literal('any'), disable_parallel_tool_use: disableParallelToolUse }),
    z.object({
      type: z.literal('tool'),
      name: z.string().min(1, 'must not be empty'),
      disable_parallel_tool_use: disableParallelToolUse,
    }),
    z.object({ type: z.literal('none') }),
  ],
  { error: 'must be "auto", "any", "tool" or "none"' },
);

const thinking = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('enabled'), budget_tokens: z.number().int().positive() }),
    z.object({ type: z.literal('adaptive') }),
    z.object({ type: z.literal('disabled') }),
  ],
  { error: 'must be "enabled", "adaptive" or "disabled"' },
);

/** Structured output: the answer is JSON that matches `schema`. */
const outputConfig = z.object({
  format: z.object({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) }).nullish(),
});

export const messagesRequestSchema = z.object({
  model: z.string({ error: requiredField }).min(1, 'must not be empty'),
  max_tokens: z.number({ error: requiredField }).int().positive(),
  messages: z.array(message, { error: requiredField }).min(1, 'must contain at least one message'),
  system: contentOf(textBlock).optional(),
  stop_sequences: z.array(z.string()).optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  metadata: z.object({ user_id: z.string().nullish() }).optional(),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.optional(),
  thinking: thinking.optional(),
  output_config: outputConfig.optional(),
});

export type MessagesRequest = z.infer<typeof messagesRequestSchema>;
export type AnthropicMessage = MessagesRequest['messages'][number];
export type UserBlock = z.infer<typeof userMessage>['content'][number];
export type AssistantBlock = z.infer<typeof assistantMessage>['content'][number];
export type ToolResultBlock = z.infer<typeof toolResultBlock>;
export type ImageBlock = z.infer<typeof imageBlock>;
export type AnthropicTool = z.infer<typeof tool>;
export type AnthropicToolChoice = z.infer<typeof toolChoice>;
export type ThinkingConfig = z.infer<typeof thinking>;
