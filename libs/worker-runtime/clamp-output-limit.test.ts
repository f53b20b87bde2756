import type { ChatRequest } from '../contracts';
import { clampOutputLimit } from './clamp-output-limit';

const request = (fields: Partial<ChatRequest>): ChatRequest => ({
  model: 'm',
  messages: [{ role: 'user', content: 'x' }],
  ...fields,
});

describe('clampOutputLimit', () => {
  it('lowers max_tokens and max_completion_tokens to the endpoint maximum', () => {
    expect(clampOutputLimit(request({ max_tokens: 9000, max_completion_tokens: 9000 }), 4096)).toMatchObject({
      max_tokens: 4096,
      max_completion_tokens: 4096,
    });
  });

  it.each([
    ['a limit within the maximum', request({ max_tokens: 100 }), 4096],
    ['no limit asked', request({}), 4096],
    ['an endpoint without a maximum', request({ max_tokens: 9000 }), undefined],
  ])('leaves %s as it is', (_case, asked, maximum) => {
    expect(clampOutputLimit(asked, maximum)).toBe(asked);
  });
});
