import type { GeminiErrorBody } from './gemini-error';
import { parseBatchEmbedContentsRequest, parseEmbedContentRequest } from './validate-embed-request';

const content = (...texts: string[]) => ({ parts: texts.map((text) => ({ text })) });
const item = (extra: Record<string, unknown> = {}) => ({
  model: 'models/m',
  content: content('Hi'),
  ...extra,
});

function messageOf(parsed: object) {
  if (!('failure' in parsed)) throw new Error('accepted');
  const { failure } = parsed as { failure: { status: number; body: unknown } };
  expect(failure.status).toBe(400);
  const { error } = failure.body as GeminiErrorBody;
  expect(error.status).toBe('INVALID_ARGUMENT');
  return error.message;
}

const single = (body: unknown) =>
  messageOf(parseEmbedContentRequest(typeof body === 'string' ? body : JSON.stringify(body)));
const batch = (body: unknown) => messageOf(parseBatchEmbedContentsRequest(JSON.stringify(body), 'm'));

describe('parseEmbedContentRequest', () => {
  it('embeds the text parts joined by a space, at 16 dimensions unless outputDimensionality says', () => {
    expect(parseEmbedContentRequest(JSON.stringify({ content: content('Hello', 'there') }))).toEqual({
      request: { text: 'Hello there', dimensions: 16 },
    });
    const body = { content: content('a'), outputDimensionality: 8, taskType: 'RETRIEVAL_QUERY' };
    expect(parseEmbedContentRequest(JSON.stringify(body))).toEqual({ request: { text: 'a', dimensions: 8 } });
  });

  it('reads snake_case fields and an int32 given as a string, and skips parts that are not text', () => {
    const parts = [{ text: 'a' }, { inline_data: { mime_type: 'image/png', data: '' } }];
    const body = { content: { parts }, output_dimensionality: '4', task_type: 'CLUSTERING' };
    expect(parseEmbedContentRequest(JSON.stringify(body))).toEqual({ request: { text: 'a', dimensions: 4 } });
  });

  it.each<[string, unknown, string | RegExp]>([
    ['invalid JSON', '{"content":', /^Invalid JSON payload received\./],
    ['no content', {}, '* EmbedContentRequest.content: content is not specified\n'],
    [
      'a content that is not an object',
      { content: 'Hi' },
      'Invalid value at \'content\' (type.googleapis.com/google.ai.generativelanguage.v1beta.Content), "Hi"',
    ],
    [
      'empty parts',
      { content: { parts: [] } },
      '* EmbedContentRequest.content.parts: contents.parts must not be empty.\n',
    ],
    [
      'a part without data',
      { content: { parts: [{ thought: true }] } },
      "* EmbedContentRequest.content.parts[0].data: required oneof field 'data' must have one initialized field\n",
    ],
    ['an empty text', { content: content('a', '') }, 'EmbedContentRequest.content contains an empty Part.'],
    [
      'an unknown task type',
      { content: content('a'), taskType: 'SUMMARY' },
      'Invalid value at \'task_type\' (type.googleapis.com/google.ai.generativelanguage.v1beta.TaskType), "SUMMARY"',
    ],
    [
      'a fractional outputDimensionality',
      { content: content('a'), outputDimensionality: 1.5 },
      "Invalid value at 'output_dimensionality' (TYPE_INT32), 1.5",
    ],
    [
      'outputDimensionality 0',
      { content: content('a'), outputDimensionality: 0 },
      /^\* EmbedContentRequest\.output_dimensionality: .*from 1 to 4096/,
    ],
  ])('rejects %s', (_name, body, message) => {
    expect(single(body)).toMatch(message);
  });
});

describe('parseBatchEmbedContentsRequest', () => {
  it('reads each request in order, each with its own dimensions', () => {
    const body = { requests: [item(), item({ content: content('Bye'), outputDimensionality: 3 })] };
    expect(parseBatchEmbedContentsRequest(JSON.stringify(body), 'm')).toEqual({
      requests: [
        { text: 'Hi', dimensions: 16 },
        { text: 'Bye', dimensions: 3 },
      ],
    });
  });

  it.each<[string, unknown, string]>([
    ['no requests', {}, '* BatchEmbedContentsRequest.requests: requests is not specified\n'],
    ['empty requests', { requests: [] }, '* BatchEmbedContentsRequest.requests: requests is not specified\n'],
    [
      'more than 100 requests',
      { requests: Array(101).fill(item()) },
      '* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch\n',
    ],
    [
      'a request without its model',
      { requests: [item(), { content: content('a') }] },
      '* BatchEmbedContentsRequest.requests[1].model: model is not specified\n',
    ],
    [
      'a bare model id',
      { requests: [item({ model: 'm' })] },
      '* BatchEmbedContentsRequest.requests[0].model: unexpected model name format\n',
    ],
    [
      'another model than the URL',
      { requests: [item({ model: 'models/other' })] },
      "* BatchEmbedContentsRequest.requests[0].model: the model of each request must be the batch's model, models/m\n",
    ],
    [
      'a request without content',
      { requests: [{ model: 'models/m' }] },
      '* BatchEmbedContentsRequest.requests[0].content: content is not specified\n',
    ],
    [
      'a part without data',
      { requests: [item({ content: { parts: [{}] } })] },
      "* BatchEmbedContentsRequest.requests[0].content.parts[0].data: required oneof field 'data' must have one initialized field\n",
    ],
    [
      'a bad task type',
      { requests: [item({ task_type: 7 })] },
      "Invalid value at 'requests[0].task_type' (type.googleapis.com/google.ai.generativelanguage.v1beta.TaskType), 7",
    ],
  ])('rejects %s', (_name, body, message) => {
    expect(batch(body)).toBe(message);
  });
});
