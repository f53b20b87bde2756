import type { ChatRequest, Usage } from '../../contracts';
import { DeliveredText, type WrittenPiece } from './delivered-text';
import { MEDIA_TOKENS, TOKENS_PER_MESSAGE } from '../../tokens';
import { estimateUsage } from './estimate-usage';
import { chatJob } from './testing/chat-job-fixture';

const pricing = { prompt: 1e-6, completion: 2e-6, request: 0.001 };
const hi: ChatRequest = { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] };
/** "Hi" is 1 token, and its message adds the template's. */
const HI_TOKENS = 1 + TOKENS_PER_MESSAGE;
/** 7 tokens in o200k_base. */
const answer: WrittenPiece = { content: 'Hello! How can I help?' };
/** 6 tokens. */
const thought: WrittenPiece = { reasoning: 'The user greets me.' };

function reported(prompt: number, completion: number, extra: Partial<Usage> = {}): Usage {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    cost: 0,
    ...extra,
  };
}

describe('estimateUsage', () => {
  it.each<{
    name: string;
    model?: string;
    request?: ChatRequest;
    pieces: WrittenPiece[];
    reported?: Usage;
    prompt: number;
    completion: number;
    reasoning?: number;
    promptDetails?: Usage['prompt_tokens_details'];
  }>([
    { name: 'a text answer with nothing reported', pieces: [answer], prompt: HI_TOKENS, completion: 7 },
    {
      name: 'reasoning as completion tokens, and as reasoning tokens',
      pieces: [thought, answer],
      prompt: HI_TOKENS,
      completion: 6 + 7,
      reasoning: 6,
    },
    { name: 'nothing delivered', pieces: [], prompt: HI_TOKENS, completion: 0 },
    {
      name: 'an image by its fixed allowance',
      request: {
        ...hi,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Hi' },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
            ],
          },
        ],
      },
      pieces: [answer],
      prompt: HI_TOKENS + MEDIA_TOKENS,
      completion: 7,
    },
    {
      name: "the provider's prompt count, with its cache details (Anthropic's message_start)",
      pieces: [answer],
      reported: reported(1210, 1, { prompt_tokens_details: { cached_tokens: 1000 } }),
      prompt: 1210,
      completion: 7,
      promptDetails: { cached_tokens: 1000 },
    },
    {
      name: "the provider's running completion count, thoughts included, as a floor (Gemini's)",
      pieces: [answer],
      reported: reported(9, 190, { completion_tokens_details: { reasoning_tokens: 185 } }),
      prompt: 9,
      completion: 190,
      reasoning: 185,
    },
    {
      name: 'no more completion tokens than max_tokens allowed',
      request: { ...hi, max_tokens: 5 },
      pieces: [answer],
      prompt: HI_TOKENS,
      completion: 5,
    },
    {
      name: 'reasoning within a completion cut to max_completion_tokens',
      request: { ...hi, max_completion_tokens: 4 },
      pieces: [thought, answer],
      prompt: HI_TOKENS,
      completion: 4,
      reasoning: 4,
    },
    {
      // o200k_base: 7 tokens; cl100k_base, GPT-4's: 12.
      name: "text in the vocabulary of the model's family",
      model: 'openai/gpt-4',
      pieces: [{ content: '今日は良い天気ですね。' }],
      prompt: HI_TOKENS,
      completion: 12,
    },
  ])(
    'counts $name',
    ({ model, request = hi, pieces, reported, prompt, completion, reasoning, promptDetails }) => {
      const job = chatJob({ model, request, endpoint: { pricing } });
      const delivered = new DeliveredText();
      for (const piece of pieces) delivered.add(piece);
      expect(estimateUsage(job, delivered, reported ?? null)).toEqual({
        prompt_tokens: prompt,
        completion_tokens: completion,
        total_tokens: prompt + completion,
        cost: expect.closeTo(prompt * pricing.prompt + completion * pricing.completion + pricing.request, 12),
        prompt_tokens_details: promptDetails ?? { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: reasoning ?? 0 },
        usage_estimated: true,
      });
    },
  );
});
