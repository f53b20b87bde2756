import { gatewayChunkSchema } from '../../../libs/contracts';
import { MessageStreamTranslator, type MessageStreamEvent } from './message-stream-translator';

/** A `chat.completion.chunk` as the workers write it, with one choice carrying `delta`. */
const chunk = (delta: object, finishReason: string | null = null, nativeFinishReason = finishReason) =>
  gatewayChunkSchema.parse({
    id: 'gen-1-abc',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'author/model',
    provider: 'Simulator',
    choices: [{ index: 0, delta, finish_reason: finishReason, native_finish_reason: nativeFinishReason }],
  });

const usageChunk = gatewayChunkSchema.parse({
  id: 'gen-1-abc',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'author/model',
  choices: [],
  usage: { prompt_tokens: 12, completion_tokens: 4, total_tokens: 16, cost: 0 },
});

const translate = (chunks: ReturnType<typeof chunk>[]): MessageStreamEvent[] => {
  const translator = new MessageStreamTranslator();
  return [
    ...chunks.flatMap((c) => translator.push(c)),
    ...translator.push(usageChunk),
    ...translator.finish(),
  ];
};

const start = (index: number, content_block: object) => ({
  type: 'content_block_start',
  index,
  content_block,
});
const delta = (index: number, d: object) => ({ type: 'content_block_delta', index, delta: d });
const stop = (index: number) => ({ type: 'content_block_stop', index });
const messageStart = {
  type: 'message_start',
  message: {
    id: 'gen-1-abc',
    type: 'message',
    role: 'assistant',
    model: 'author/model',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 0, output_tokens: 0, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
  },
};
const end = (stopReason: string | null) => [
  {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { input_tokens: 12, output_tokens: 4, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
  },
  { type: 'message_stop' },
];
const text = { type: 'text', text: '' };
const thinking = { type: 'thinking', thinking: '', signature: '' };

describe('MessageStreamTranslator', () => {
  it.each<[string, ReturnType<typeof chunk>[], object[]]>([
    [
      'text, in one block, skipping the empty role delta',
      [
        chunk({ role: 'assistant', content: '' }),
        chunk({ content: 'Echo: ' }),
        chunk({ content: 'Hi' }, 'stop'),
      ],
      [
        messageStart,
        start(0, text),
        delta(0, { type: 'text_delta', text: 'Echo: ' }),
        delta(0, { type: 'text_delta', text: 'Hi' }),
        stop(0),
        ...end('end_turn'),
      ],
    ],
    [
      'reasoning, then text, in two blocks',
      [chunk({ reasoning: 'Hmm' }), chunk({ reasoning: '.' }), chunk({ content: '42' }, 'length')],
      [
        messageStart,
        start(0, thinking),
        delta(0, { type: 'thinking_delta', thinking: 'Hmm' }),
        delta(0, { type: 'thinking_delta', thinking: '.' }),
        stop(0),
        start(1, text),
        delta(1, { type: 'text_delta', text: '42' }),
        stop(1),
        ...end('max_tokens'),
      ],
    ],
    [
      'signed reasoning details, preferred to the same reasoning text',
      [
        chunk({ reasoning: 'Hmm.', reasoning_details: [{ type: 'reasoning.text', text: 'Hmm.' }] }),
        chunk({ reasoning_details: [{ type: 'reasoning.text', text: '', signature: 'EvQB' }] }),
        chunk({ reasoning_details: [{ type: 'reasoning.encrypted', data: 'EmwK' }] }),
        chunk({ content: 'ok' }, 'stop'),
      ],
      [
        messageStart,
        start(0, thinking),
        delta(0, { type: 'thinking_delta', thinking: 'Hmm.' }),
        delta(0, { type: 'signature_delta', signature: 'EvQB' }),
        stop(0),
        start(1, { type: 'redacted_thinking', data: 'EmwK' }),
        stop(1),
        start(2, text),
        delta(2, { type: 'text_delta', text: 'ok' }),
        stop(2),
        ...end('end_turn'),
      ],
    ],
    [
      'tool calls, a block each, with their argument fragments',
      [
        chunk({
          tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }],
        }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
        chunk({
          tool_calls: [
            { index: 1, id: 'call_b', type: 'function', function: { name: 'g', arguments: '{}' } },
          ],
        }),
        chunk({}, 'tool_calls'),
      ],
      [
        messageStart,
        start(0, { type: 'tool_use', id: 'call_a', name: 'f', input: {} }),
        delta(0, { type: 'input_json_delta', partial_json: '{"a":' }),
        delta(0, { type: 'input_json_delta', partial_json: '1}' }),
        stop(0),
        start(1, { type: 'tool_use', id: 'call_b', name: 'g', input: {} }),
        delta(1, { type: 'input_json_delta', partial_json: '{}' }),
        stop(1),
        ...end('tool_use'),
      ],
    ],
    [
      'text before a tool call',
      [
        chunk({ content: 'Checking.' }),
        chunk({
          tool_calls: [
            { index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '{}' } },
          ],
        }),
        chunk({}, 'tool_calls'),
      ],
      [
        messageStart,
        start(0, text),
        delta(0, { type: 'text_delta', text: 'Checking.' }),
        stop(0),
        start(1, { type: 'tool_use', id: 'call_a', name: 'f', input: {} }),
        delta(1, { type: 'input_json_delta', partial_json: '{}' }),
        stop(1),
        ...end('tool_use'),
      ],
    ],
    [
      'interleaved arguments of parallel calls, each to its own block',
      [
        chunk({
          tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '{' } }],
        }),
        chunk({
          tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'g', arguments: '{' } }],
        }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '}' } }] }),
        chunk({}, 'tool_calls'),
      ],
      [
        messageStart,
        start(0, { type: 'tool_use', id: 'call_a', name: 'f', input: {} }),
        delta(0, { type: 'input_json_delta', partial_json: '{' }),
        stop(0),
        start(1, { type: 'tool_use', id: 'call_b', name: 'g', input: {} }),
        delta(1, { type: 'input_json_delta', partial_json: '{' }),
        delta(0, { type: 'input_json_delta', partial_json: '}' }),
        stop(1),
        ...end('tool_use'),
      ],
    ],
    [
      'a refusal, as text',
      [chunk({ refusal: 'No.' }, 'content_filter')],
      [
        messageStart,
        start(0, text),
        delta(0, { type: 'text_delta', text: 'No.' }),
        stop(0),
        ...end('refusal'),
      ],
    ],
    ['an empty answer', [chunk({ content: '' }, 'stop')], [messageStart, ...end('end_turn')]],
  ])('translates %s', (_case, chunks, expected) => {
    expect(translate(chunks)).toEqual(expected);
  });

  it('ends nothing that never began', () => {
    expect(new MessageStreamTranslator().finish()).toEqual([]);
  });
});
