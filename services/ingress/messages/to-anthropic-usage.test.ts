import type { GatewayUsage } from '../../../libs/contracts';
import { toAnthropicUsage } from './to-anthropic-usage';

describe('toAnthropicUsage', () => {
  it.each<[string, GatewayUsage | null, [number, number, number, number]]>([
    ['no usage', null, [0, 0, 0, 0]],
    ['plain usage', { prompt_tokens: 12, completion_tokens: 4 }, [12, 4, 0, 0]],
    [
      'cached prompt tokens, counted apart',
      { prompt_tokens: 100, completion_tokens: 4, prompt_tokens_details: { cached_tokens: 80 } },
      [20, 4, 80, 0],
    ],
    [
      'cache writes, counted apart',
      {
        prompt_tokens: 100,
        completion_tokens: 4,
        prompt_tokens_details: { cached_tokens: 10, cache_write_tokens: 60 },
      },
      [30, 4, 10, 60],
    ],
    [
      'reasoning tokens, as output',
      { prompt_tokens: 5, completion_tokens: 50, completion_tokens_details: { reasoning_tokens: 40 } },
      [5, 50, 0, 0],
    ],
    ['null details', { prompt_tokens: 5, completion_tokens: 1, prompt_tokens_details: null }, [5, 1, 0, 0]],
  ])('converts %s', (_case, usage, [input, output, cacheRead, cacheWrite]) => {
    expect(toAnthropicUsage(usage)).toEqual({
      input_tokens: input,
      output_tokens: output,
      cache_read_input_tokens: cacheRead,
      cache_creation_input_tokens: cacheWrite,
    });
  });
});
