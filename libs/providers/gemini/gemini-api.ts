import { z } from 'zod';

/**
 * What the Generative Language API answers, as loose as real responses require and no looser:
 * unknown fields (`modelVersion`, `safetyRatings`, `groundingMetadata`, …) pass, a wrong type fails
 * at the boundary. A Part is a oneof on the wire, so every kind is an optional field here.
 * https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse
 * https://ai.google.dev/api/caching#Part
 */

/** One streamed argument value of a function call (Gemini 3 `streamFunctionCallArguments`). */
export const partialArgSchema = z
  .object({
    jsonPath: z.string(),
    stringValue: z.string().nullish(),
    numberValue: z.number().nullish(),
    boolValue: z.boolean().nullish(),
    nullValue: z.unknown().optional(),
    willContinue: z.boolean().nullish(),
  })
  .loose();

const functionCallSchema = z
  .object({
    id: z.string().nullish(),
    name: z.string().nullish(),
    args: z.record(z.string(), z.unknown()).nullish(),
    partialArgs: z.array(partialArgSchema).nullish(),
    willContinue: z.boolean().nullish(),
  })
  .loose();

export const partSchema = z
  .object({
    text: z.string().nullish(),
    thought: z.boolean().nullish(),
    thoughtSignature: z.string().nullish(),
    functionCall: functionCallSchema.nullish(),
  })
  .loose();

const candidateSchema = z
  .object({
    content: z
      .object({ parts: z.array(partSchema).nullish(), role: z.string().nullish() })
      .loose()
      .nullish(),
    finishReason: z.string().nullish(),
    index: z.number().int().nonnegative().nullish(),
  })
  .loose();

/** https://ai.google.dev/api/generate-content#UsageMetadata */
export const usageMetadataSchema = z
  .object({
    promptTokenCount: z.number().nullish(),
    candidatesTokenCount: z.number().nullish(),
    thoughtsTokenCount: z.number().nullish(),
    cachedContentTokenCount: z.number().nullish(),
    toolUsePromptTokenCount: z.number().nullish(),
    totalTokenCount: z.number().nullish(),
  })
  .loose();

export const generateContentResponseSchema = z
  .object({
    candidates: z.array(candidateSchema).nullish(),
    /** Set instead of candidates when the prompt itself was blocked. */
    promptFeedback: z.object({ blockReason: z.string().nullish() }).loose().nullish(),
    usageMetadata: usageMetadataSchema.nullish(),
    responseId: z.string().nullish(),
  })
  .loose();

/**
 * Google's error body, also sent as a stream event when a stream fails midway.
 * https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 * https://cloud.google.com/apis/design/errors#error_model
 */
export const errorBodySchema = z
  .object({
    error: z
      .object({
        code: z.number().int().nullish(),
        message: z.string().nullish(),
        status: z.string().nullish(),
        details: z.array(z.record(z.string(), z.unknown())).nullish(),
      })
      .loose(),
  })
  .loose();

export type GeminiPart = z.infer<typeof partSchema>;
export type PartialArg = z.infer<typeof partialArgSchema>;
export type UsageMetadata = z.infer<typeof usageMetadataSchema>;
export type GenerateContentResponse = z.infer<typeof generateContentResponseSchema>;
