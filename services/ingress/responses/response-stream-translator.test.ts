import { gatewayChunkSchema } from '../../../libs/contracts';
import { responseSettings } from './response-object';
import { ResponseStreamTranslator, type ResponseStreamEvent } from './response-stream-translator';
import { responsesRequestSchema } from './responses-request';

const settings = responseSettings(responsesRequestSchema.parse({ model: 'author/model', input: 'x' }));

const chunk = (delta: object, finishReason: string | null = null) =>
  gatewayChunkSchema.parse({
    id: 'gen-1-abc',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'author/model',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });
const usageChunk = gatewayChunkSchema.parse({
  id: 'gen-1-abc',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'author/model',
  choices: [],
  usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, cost: 0.00002 },
});

function run(chunks: ReturnType<typeof chunk>[]): ResponseStreamEvent[] {
  const translator = new ResponseStreamTranslator(settings, 1700000000);
  return [
    ...chunks.flatMap((c) => translator.push(c)),
    ...translator.push(usageChunk),
    ...translator.finish(),
  ];
}

describe('ResponseStreamTranslator', () => {
  it("writes a text answer as OpenAI's event sequence, numbered, with the whole response last", () => {
    const events = run([chunk({ role: 'assistant', content: 'Hel' }), chunk({ content: 'lo' }, 'stop')]);
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    expect(events[0]).toMatchObject({
      response: {
        id: 'gen-1-abc',
        object: 'response',
        status: 'in_progress',
        output: [],
        created_at: 1700000000,
      },
    });
    expect(events[6]).toMatchObject({
      item_id: 'msg_1-abc_0',
      output_index: 0,
      content_index: 0,
      text: 'Hello',
    });
    expect(events.at(-1)).toMatchObject({
      response: {
        id: 'gen-1-abc',
        status: 'completed',
        output: [
          {
            type: 'message',
            id: 'msg_1-abc_0',
            status: 'completed',
            role: 'assistant',
            content: [{ type: 'output_text', text: 'Hello', annotations: [] }],
          },
        ],
        usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15, cost: 0.00002 },
      },
    });
  });

  it('gives reasoning, text and each parallel tool call an item of its own, in order', () => {
    const events = run([
      chunk({ reasoning: 'Think', reasoning_details: [{ type: 'reasoning.encrypted', data: 'enc' }] }),
      chunk({ content: 'Checking.' }),
      chunk({
        tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } }],
      }),
      chunk({
        tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'g', arguments: '{}' } }],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"x":1}' } }] }, 'tool_calls'),
    ]);
    const completed = events.at(-1)!.response as { output: unknown[] };
    expect(completed.output).toEqual([
      {
        type: 'reasoning',
        id: 'rs_1-abc_0',
        summary: [{ type: 'summary_text', text: 'Think' }],
        encrypted_content: 'enc',
      },
      expect.objectContaining({ type: 'message', id: 'msg_1-abc_1' }),
      {
        type: 'function_call',
        id: 'fc_1-abc_2',
        call_id: 'call_a',
        name: 'f',
        arguments: '{"x":1}',
        status: 'completed',
      },
      {
        type: 'function_call',
        id: 'fc_1-abc_3',
        call_id: 'call_b',
        name: 'g',
        arguments: '{}',
        status: 'completed',
      },
    ]);
    const argumentDeltas = events.filter((event) => event.type === 'response.function_call_arguments.delta');
    expect(argumentDeltas.map((event) => [event.output_index, event.delta])).toEqual([
      [3, '{}'],
      [2, '{"x":1}'],
    ]);
    const done = events.filter((event) => event.type === 'response.output_item.done');
    expect(done.map((event) => event.output_index)).toEqual([0, 1, 2, 3]);
  });

  it('ends an answer cut by max_output_tokens as incomplete', () => {
    const events = run([chunk({ content: 'Long' }, 'length')]);
    expect(events.at(-1)).toMatchObject({
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    });
  });

  it('fails a started stream with response.failed, keeping the items done so far', () => {
    const translator = new ResponseStreamTranslator(settings, 1);
    translator.push(chunk({ content: 'Hi' }));
    const [failed] = translator.fail({ code: 'server_error', message: 'The provider went away.' });
    expect(failed).toMatchObject({
      type: 'response.failed',
      response: {
        status: 'failed',
        error: { code: 'server_error', message: 'The provider went away.' },
        output: [],
      },
    });
    expect(new ResponseStreamTranslator(settings).fail({ code: 'x', message: 'y' })).toEqual([]);
  });
});
