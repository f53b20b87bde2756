import { gatewayCompletionSchema } from '../../../libs/contracts';
import { toAnthropicMessage } from './to-anthropic-message';

const usage = {
  prompt_tokens: 12,
  completion_tokens: 4,
  total_tokens: 16,
  cost: 0.00002,
  prompt_tokens_details: { cached_tokens: 2 },
  completion_tokens_details: { reasoning_tokens: 0 },
};

/** A `chat.completion` as the workers write it. */
const completion = (message: object, finishReason = 'stop', nativeFinishReason = finishReason) =>
  gatewayCompletionSchema.parse({
    id: 'gen-1-abc',
    object: 'chat.completion',
    created: 1,
    model: 'author/model',
    provider: 'Simulator',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: null, ...message },
        finish_reason: finishReason,
        native_finish_reason: nativeFinishReason,
      },
    ],
    usage,
  });

describe('toAnthropicMessage', () => {
  it('writes the envelope, the stop reason and the usage', () => {
    expect(toAnthropicMessage(completion({ content: 'Hello' }))).toEqual({
      id: 'gen-1-abc',
      type: 'message',
      role: 'assistant',
      model: 'author/model',
      content: [{ type: 'text', text: 'Hello' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 10,
        output_tokens: 4,
        cache_read_input_tokens: 2,
        cache_creation_input_tokens: 0,
      },
    });
  });

  it.each<[string, ReturnType<typeof completion>, unknown[], string | null]>([
    ['empty content', completion({ content: '' }), [], 'end_turn'],
    ['a cut answer', completion({ content: 'Hel' }, 'length'), [{ type: 'text', text: 'Hel' }], 'max_tokens'],
    [
      'a refusal',
      completion({ refusal: 'I cannot help with that.' }, 'content_filter'),
      [{ type: 'text', text: 'I cannot help with that.' }],
      'refusal',
    ],
    [
      'reasoning, text and tool calls, in that order',
      completion(
        {
          content: 'Let me check.',
          reasoning: 'Need the weather.',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
            { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '' } },
          ],
        },
        'tool_calls',
      ),
      [
        { type: 'thinking', thinking: 'Need the weather.', signature: '' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'call_2', name: 'get_time', input: {} },
      ],
      'tool_use',
    ],
    [
      'signed reasoning details',
      completion({
        content: '42',
        reasoning: 'Hmm.',
        reasoning_details: [
          { type: 'reasoning.text', text: 'Hmm.', signature: 'EvQB', format: 'anthropic-claude-v1' },
        ],
      }),
      [
        { type: 'thinking', thinking: 'Hmm.', signature: 'EvQB' },
        { type: 'text', text: '42' },
      ],
      'end_turn',
    ],
    [
      "an Anthropic upstream's stop sequence",
      completion({ content: 'one two' }, 'stop', 'stop_sequence'),
      [{ type: 'text', text: 'one two' }],
      'stop_sequence',
    ],
  ])('converts %s', (_case, answer, content, stopReason) => {
    const message = toAnthropicMessage(answer);
    expect(message.content).toEqual(content);
    expect(message.stop_reason).toBe(stopReason);
  });
});
