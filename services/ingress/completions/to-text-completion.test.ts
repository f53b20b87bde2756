import { gatewayChunkSchema, gatewayCompletionSchema } from '../../../libs/contracts';
import { toLegacyLogprobs, toTextCompletion, toTextCompletionChunk } from './to-text-completion';

const usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5, cost: 0.000007 };

describe('toTextCompletion', () => {
  it('answers the message text as the choice text, keeping usage and the provider', () => {
    const completion = gatewayCompletionSchema.parse({
      id: 'gen-1-a',
      object: 'chat.completion',
      created: 1700000000,
      model: 'author/model',
      provider: 'Simulator',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello there' },
          finish_reason: 'length',
          native_finish_reason: 'length',
          logprobs: null,
        },
      ],
      usage,
    });
    expect(toTextCompletion(completion)).toEqual({
      id: 'gen-1-a',
      object: 'text_completion',
      created: 1700000000,
      model: 'author/model',
      provider: 'Simulator',
      choices: [
        {
          index: 0,
          text: 'Hello there',
          finish_reason: 'length',
          native_finish_reason: 'length',
          logprobs: null,
        },
      ],
      usage,
    });
  });
});

describe('toTextCompletionChunk', () => {
  it('answers a delta as text, and the usage chunk with no choices', () => {
    const chunk = (body: object) =>
      gatewayChunkSchema.parse({
        id: 'gen-1-a',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        ...body,
      });
    expect(
      toTextCompletionChunk(
        chunk({ choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] }),
      ),
    ).toEqual({
      id: 'gen-1-a',
      object: 'text_completion',
      created: 1,
      model: 'm',
      choices: [{ index: 0, text: 'Hel', finish_reason: null, native_finish_reason: null, logprobs: null }],
    });
    expect(toTextCompletionChunk(chunk({ choices: [], usage }))).toEqual({
      id: 'gen-1-a',
      object: 'text_completion',
      created: 1,
      model: 'm',
      choices: [],
      usage,
    });
  });
});

describe('toLegacyLogprobs', () => {
  it('lists tokens, their logprobs, alternatives and offsets from where the text starts', () => {
    const chat = {
      content: [
        {
          token: 'Hel',
          logprob: -0.1,
          top_logprobs: [
            { token: 'Hel', logprob: -0.1 },
            { token: 'Hi', logprob: -2 },
          ],
        },
        { token: 'lo', logprob: -0.2, top_logprobs: [] },
      ],
    };
    expect(toLegacyLogprobs(chat, 5)).toEqual({
      tokens: ['Hel', 'lo'],
      token_logprobs: [-0.1, -0.2],
      top_logprobs: [{ Hel: -0.1, Hi: -2 }, {}],
      text_offset: [5, 8],
    });
  });

  it.each([null, undefined, { refusal: null }])('is null without token logprobs (%p)', (chat) => {
    expect(toLegacyLogprobs(chat)).toBeNull();
  });
});
