import { z } from 'zod';

/**
 * OpenAI's Responses request, as OpenRouter takes it: stateless, so every turn comes in `input`.
 * Only what the gateway reads is declared; the rest of a body (OpenRouter's `provider`, `models`,
 * `session_id`, sampling parameters) passes on to the chat request unchanged.
 * https://platform.openai.com/docs/api-reference/responses/create
 * https://openrouter.ai/docs/api-reference/responses-api/overview
 */
const inputText = z.object({ type: z.literal('input_text'), text: z.string() });
const outputText = z.object({ type: z.literal('output_text'), text: z.string() }).loose();
const refusal = z.object({ type: z.literal('refusal'), refusal: z.string() });
const inputImage = z.object({
  type: z.literal('input_image'),
  image_url: z.string({ error: 'must be a URL or a data: URL (file ids are not supported)' }).min(1),
  detail: z.enum(['auto', 'low', 'high']).nullish(),
});
const inputFile = z.object({
  type: z.literal('input_file'),
  filename: z.string().nullish(),
  file_data: z.string().nullish(),
  file_url: z.string().nullish(),
});
const contentPart = z.discriminatedUnion('type', [inputText, outputText, refusal, inputImage, inputFile]);

const messageItem = z.object({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'system', 'developer', 'assistant']),
  content: z.union([z.string(), z.array(contentPart)]),
});
const functionCallItem = z.object({
  type: z.literal('function_call'),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string(),
});
const functionCallOutputItem = z.object({
  type: z.literal('function_call_output'),
  call_id: z.string(),
  output: z.union([z.string(), z.array(contentPart)]),
});
const reasoningItem = z.object({
  type: z.literal('reasoning'),
  summary: z.array(z.object({ type: z.literal('summary_text'), text: z.string() })).nullish(),
  encrypted_content: z.string().nullish(),
});

/** A message may leave out `type`; every other item names its own. */
const inputItem = z.union([messageItem, functionCallItem, functionCallOutputItem, reasoningItem]);

const functionTool = z.object({
  type: z.literal('function', 'only function tools are supported'),
  name: z.string(),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), name: z.string() }),
]);

const textFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    name: z.string(),
    schema: z.record(z.string(), z.unknown()),
    description: z.string().nullish(),
    strict: z.boolean().nullish(),
  }),
]);

export const responsesRequestSchema = z
  .object({
    model: z.string().min(1).optional(),
    input: z.union([z.string(), z.array(inputItem).min(1, 'must contain at least one item')]),
    instructions: z.string().nullish(),
    stream: z.boolean().nullish(),
    tools: z.array(functionTool).nullish(),
    tool_choice: toolChoice.nullish(),
    parallel_tool_calls: z.boolean().nullish(),
    reasoning: z
      .object({
        effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
        summary: z.enum(['auto', 'concise', 'detailed']).nullish(),
        max_tokens: z.number().int().positive().nullish(),
        exclude: z.boolean().nullish(),
        enabled: z.boolean().nullish(),
      })
      .nullish(),
    text: z.object({ format: textFormat.nullish(), verbosity: z.string().nullish() }).nullish(),
    max_output_tokens: z.number().int().positive().nullish(),
    top_logprobs: z.number().int().min(0).max(20).nullish(),
    temperature: z.number().nullish(),
    top_p: z.number().nullish(),
    metadata: z.record(z.string(), z.string()).nullish(),
    store: z
      .literal(false, 'must be false: responses are not stored, send the whole conversation in "input"')
      .nullish(),
    previous_response_id: z
      .null('is not supported: responses are not stored, send the whole conversation in "input"')
      .optional(),
    conversation: z
      .null('is not supported: responses are not stored, send the whole conversation in "input"')
      .optional(),
    background: z.literal(false, 'is not supported').nullish(),
  })
  .loose();

export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;
export type InputItem = z.infer<typeof inputItem>;
export type ContentPart = z.infer<typeof contentPart>;
