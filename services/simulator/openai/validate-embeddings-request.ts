import type { HttpFailure } from '../http-io';
import { DEFAULT_DIMENSIONS, MAX_DIMENSIONS } from '../embedding-vector';
import { invalidRequest } from './openai-error';
import {
  checkModel,
  checkPositiveInteger,
  isAbsent,
  missing,
  oneOf,
  parseBody,
  wrongType,
  type Body,
  type Check,
} from './validate-request';

/**
 * Reads a create-embeddings request as OpenAI does, and rejects what OpenAI rejects, with its messages:
 * no model, no input, an empty string or an empty array as input, a bad encoding_format or dimensions.
 * Token arrays are valid for OpenAI but the simulator embeds text only, so it refuses them plainly.
 * https://platform.openai.com/docs/api-reference/embeddings/create
 */
export interface EmbeddingsRequest {
  model: string;
  /** One text per embedding, in order: a string input is a list of one. */
  inputs: string[];
  encodingFormat: EncodingFormat;
  dimensions: number;
}

export type EncodingFormat = 'float' | 'base64';

/** OpenAI's schema check names no param and no code for a bad input. */
const INVALID_INPUT = invalidRequest(
  "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
);
const TOKEN_ARRAYS = invalidRequest(
  "The simulator embeds text only: send 'input' as a string or an array of strings, not token arrays.",
  'input',
);
/** "any array must be 2048 dimensions or less" */
const MAX_INPUTS = 2048;
const ENCODING_FORMATS: EncodingFormat[] = ['float', 'base64'];

const CHECKS: Check[] = [checkModel, checkInput, checkEncodingFormat, checkDimensions, checkUser];

export function parseEmbeddingsRequest(
  text: string,
): { request: EmbeddingsRequest } | { failure: HttpFailure } {
  const parsed = parseBody(text, CHECKS);
  if ('failure' in parsed) return parsed;
  const { body } = parsed;
  return {
    request: {
      model: body.model as string,
      inputs: typeof body.input === 'string' ? [body.input] : (body.input as string[]),
      encodingFormat: isAbsent(body.encoding_format) ? 'float' : (body.encoding_format as EncodingFormat),
      dimensions: isAbsent(body.dimensions) ? DEFAULT_DIMENSIONS : (body.dimensions as number),
    },
  };
}

function checkInput(body: Body): HttpFailure | undefined {
  const input = body.input;
  if (isAbsent(input)) return missing('input');
  if (typeof input === 'string') return input === '' ? INVALID_INPUT : undefined;
  if (!Array.isArray(input) || input.length === 0 || input.length > MAX_INPUTS) return INVALID_INPUT;
  if (input.every((item) => typeof item === 'string' && item !== '')) return undefined;
  return input.every(isTokens) || input.every((item) => Array.isArray(item) && item.every(isTokens))
    ? TOKEN_ARRAYS
    : INVALID_INPUT;
}

function isTokens(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value);
}

function checkEncodingFormat(body: Body): HttpFailure | undefined {
  return isAbsent(body.encoding_format)
    ? undefined
    : oneOf(body.encoding_format, ENCODING_FORMATS, 'encoding_format');
}

/** OpenAI's models stop at 3072; the simulator's "model" at MAX_DIMENSIONS. */
function checkDimensions(body: Body): HttpFailure | undefined {
  const failure = checkPositiveInteger(body, 'dimensions');
  if (failure || isAbsent(body.dimensions) || (body.dimensions as number) <= MAX_DIMENSIONS) return failure;
  return invalidRequest(
    `Invalid 'dimensions': integer above maximum value. Expected a value <= ${MAX_DIMENSIONS}, but got ${String(body.dimensions)} instead.`,
    'dimensions',
    'integer_above_max_value',
  );
}

function checkUser(body: Body): HttpFailure | undefined {
  return isAbsent(body.user) || typeof body.user === 'string'
    ? undefined
    : wrongType('user', 'a string', body.user);
}
