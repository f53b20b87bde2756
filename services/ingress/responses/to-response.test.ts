import { gatewayCompletionSchema } from '../../../libs/contracts';
import { responseSettings } from './response-object';
import { responsesRequestSchema } from './responses-request';
import { toResponse } from './to-response';

const settings = responseSettings(
  responsesRequestSchema.parse({
    model: 'author/model',
    input: 'x',
    instructions: 'Be brief.',
    max_output_tokens: 9,
  }),
);
const head = { id: 'gen-1-abc', model: 'author/model', createdAt: 1700000000, settings };
const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, cost: 0.00002 };

const completion = (message: object, finishReason = 'stop') =>
  gatewayCompletionSchema.parse({
    id: 'gen-1-abc',
    object: 'chat.completion',
    created: 1700000000,
    model: 'author/model',
    provider: 'Simulator',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finishReason }],
    usage,
  });

describe('toResponse', () => {
  it('answers a text message as one output_text, with usage, cost and the settings repeated', () => {
    expect(toResponse(completion({ content: 'Hello' }), head)).toEqual({
      id: 'gen-1-abc',
      object: 'response',
      created_at: 1700000000,
      model: 'author/model',
      provider: 'Simulator',
      status: 'completed',
      output: [
        {
          type: 'message',
          id: 'msg_1-abc_0',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Hello', annotations: [], logprobs: [] }],
        },
      ],
      error: null,
      incomplete_details: null,
      usage: {
        input_tokens: 10,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 5,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 15,
        cost: 0.00002,
      },
      ...settings,
    });
    expect(settings).toMatchObject({ instructions: 'Be brief.', max_output_tokens: 9, store: false });
  });

  it('answers reasoning first and each tool call as a function_call item, without an empty message', () => {
    const response = toResponse(
      completion(
        {
          content: null,
          reasoning: 'Need the weather.',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        'tool_calls',
      ),
      head,
    );
    expect(response.output).toEqual([
      { type: 'reasoning', id: 'rs_1-abc_0', summary: [{ type: 'summary_text', text: 'Need the weather.' }] },
      {
        type: 'function_call',
        id: 'fc_1-abc_1',
        call_id: 'call_1',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
        status: 'completed',
      },
    ]);
  });

  it('marks an answer cut by the token limit incomplete', () => {
    expect(toResponse(completion({ content: 'Hel' }, 'length'), head)).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    });
  });
});
