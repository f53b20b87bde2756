import { DEFAULT_DIMENSIONS, MAX_DIMENSIONS } from '../embedding-vector';
import type { HttpFailure } from '../http-io';
import { isRecord } from '../is-record';
import { invalidArgument } from './gemini-error';
import {
  field,
  PART_DATA_FIELDS,
  parseJsonBody,
  PROTO_TYPES,
  type Body,
  type Parsed,
} from './validate-request';

/**
 * Reads an EmbedContentRequest (`:embedContent`) or a BatchEmbedContentsRequest (`:batchEmbedContents`)
 * as Gemini does, and rejects what Gemini rejects, with its messages: no content, empty parts, a part
 * without data, an empty text, a bad task type; in a batch no requests, more than 100, and a request
 * without its `models/…` name. Fields are taken in lowerCamelCase or snake_case. Only text parts are
 * embedded. https://ai.google.dev/api/embeddings#method:-models.embedcontent
 */
export interface EmbedRequest {
  /** The text parts of the content joined by a space, as reply.ts reads a content array. */
  text: string;
  /** `outputDimensionality`, else the simulator's default. */
  dimensions: number;
}

/** The request names Google's messages use, and where in it one embed request sits. */
interface Where {
  request: 'EmbedContentRequest' | 'BatchEmbedContentsRequest';
  /** `''`, or `requests[3].` in a batch. */
  path: string;
}

const CONTENT_TYPE = `${PROTO_TYPES}.Content`;
const PART_TYPE = `${PROTO_TYPES}.Part`;
const TASK_TYPE = `${PROTO_TYPES}.TaskType`;
const EMBED_REQUEST_TYPE = `${PROTO_TYPES}.EmbedContentRequest`;
/** https://ai.google.dev/api/embeddings#tasktype */
const TASK_TYPES = [
  'TASK_TYPE_UNSPECIFIED',
  'RETRIEVAL_QUERY',
  'RETRIEVAL_DOCUMENT',
  'SEMANTIC_SIMILARITY',
  'CLASSIFICATION',
  'CLUSTERING',
  'QUESTION_ANSWERING',
  'FACT_VERIFICATION',
  'CODE_RETRIEVAL_QUERY',
];
/** https://ai.google.dev/api/embeddings#method:-models.batchembedcontents */
const MAX_BATCH = 100;

export function parseEmbedContentRequest(text: string): { request: EmbedRequest } | { failure: HttpFailure } {
  const body = parseJsonBody(text);
  if ('failure' in body) return body;
  const request = parseEmbedRequest(body.value, { request: 'EmbedContentRequest', path: '' });
  return 'failure' in request ? request : { request: request.value };
}

/** Each request names the model of the URL (`models/{model}`), as Google requires. */
export function parseBatchEmbedContentsRequest(
  text: string,
  model: string,
): { requests: EmbedRequest[] } | { failure: HttpFailure } {
  const body = parseJsonBody(text);
  if ('failure' in body) return body;
  const list = field(body.value, 'requests');
  const batch = 'BatchEmbedContentsRequest';
  if (list === undefined || (Array.isArray(list) && list.length === 0)) {
    return requestFailure({ request: batch, path: '' }, 'requests', 'requests is not specified');
  }
  if (!Array.isArray(list)) return invalidValue('requests', EMBED_REQUEST_TYPE, list);
  if (list.length > MAX_BATCH) {
    return requestFailure(
      { request: batch, path: '' },
      'requests',
      'at most 100 requests can be in one batch',
    );
  }
  const requests: EmbedRequest[] = [];
  for (const [index, item] of list.entries()) {
    const where: Where = { request: batch, path: `requests[${index}].` };
    if (!isRecord(item)) return invalidValue(`requests[${index}]`, EMBED_REQUEST_TYPE, item);
    const failure = checkBatchModel(item.model, model, where);
    if (failure) return failure;
    const request = parseEmbedRequest(item, where);
    if ('failure' in request) return request;
    requests.push(request.value);
  }
  return { requests };
}

function checkBatchModel(name: unknown, model: string, where: Where): { failure: HttpFailure } | undefined {
  if (name === undefined || name === '') return requestFailure(where, 'model', 'model is not specified');
  if (typeof name !== 'string') return invalidValue(`${where.path}model`, 'TYPE_STRING', name);
  if (!name.startsWith('models/')) return requestFailure(where, 'model', 'unexpected model name format');
  // The docs require the match; this wording is the simulator's.
  return name === `models/${model}`
    ? undefined
    : requestFailure(where, 'model', `the model of each request must be the batch's model, models/${model}`);
}

function parseEmbedRequest(body: Body, where: Where): Parsed<EmbedRequest> {
  const text = parseContent(field(body, 'content'), where);
  if ('failure' in text) return text;
  const taskType = field(body, 'taskType');
  if (taskType !== undefined && (typeof taskType !== 'string' || !TASK_TYPES.includes(taskType))) {
    return invalidValue(`${where.path}task_type`, TASK_TYPE, taskType);
  }
  const dimensions = parseDimensions(field(body, 'outputDimensionality'), where);
  if ('failure' in dimensions) return dimensions;
  return { value: { text: text.value, dimensions: dimensions.value } };
}

/** The text parts joined; parts with other data (images, files) pass unread, as for a text-only model. */
function parseContent(content: unknown, where: Where): Parsed<string> {
  if (content === undefined) return requestFailure(where, 'content', 'content is not specified');
  if (!isRecord(content)) return invalidValue(`${where.path}content`, CONTENT_TYPE, content);
  const parts = content.parts;
  if (parts === undefined || (Array.isArray(parts) && parts.length === 0)) {
    return requestFailure(where, 'content.parts', 'contents.parts must not be empty.');
  }
  if (!Array.isArray(parts)) return invalidValue(`${where.path}content.parts`, PART_TYPE, parts);
  const texts: string[] = [];
  for (const [index, part] of parts.entries()) {
    const path = `content.parts[${index}]`;
    if (!isRecord(part)) return invalidValue(`${where.path}${path}`, PART_TYPE, part);
    if (!PART_DATA_FIELDS.some((name) => field(part, name) !== undefined)) {
      return requestFailure(
        where,
        `${path}.data`,
        "required oneof field 'data' must have one initialized field",
      );
    }
    const text = part.text;
    if (text === undefined) continue;
    if (typeof text !== 'string') return invalidValue(`${where.path}${path}.text`, 'TYPE_STRING', text);
    if (text === '')
      return { failure: invalidArgument('EmbedContentRequest.content contains an empty Part.') };
    texts.push(text);
  }
  return { value: texts.join(' ') };
}

/** An int32, as a number or (protobuf JSON) a decimal string; the simulator's "model" takes 1 to 4096. */
function parseDimensions(value: unknown, where: Where): Parsed<number> {
  if (value === undefined) return { value: DEFAULT_DIMENSIONS };
  const dimensions = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof dimensions !== 'number' || !Number.isInteger(dimensions)) {
    return invalidValue(`${where.path}output_dimensionality`, 'TYPE_INT32', value);
  }
  if (dimensions >= 1 && dimensions <= MAX_DIMENSIONS) return { value: dimensions };
  return requestFailure(
    where,
    'output_dimensionality',
    `output_dimensionality must be from 1 to ${MAX_DIMENSIONS}, got ${dimensions}`,
  );
}

function requestFailure(where: Where, path: string, problem: string): { failure: HttpFailure } {
  return { failure: invalidArgument(`* ${where.request}.${where.path}${path}: ${problem}\n`) };
}

function invalidValue(path: string, type: string, value: unknown): { failure: HttpFailure } {
  return { failure: invalidArgument(`Invalid value at '${path}' (${type}), ${JSON.stringify(value)}`) };
}
