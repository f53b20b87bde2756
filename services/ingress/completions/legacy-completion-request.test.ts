import { GatewayError } from '../../../libs/contracts';
import { toChatBody } from './legacy-completion-request';

const refusal = (body: unknown): GatewayError => {
  try {
    toChatBody(body);
  } catch (error) {
    return error as GatewayError;
  }
  throw new Error('expected a refusal');
};

describe('toChatBody', () => {
  it('runs the prompt as the one user message, with the other fields as they are', () => {
    expect(toChatBody({ model: 'm', prompt: 'Say hi', max_tokens: 5, provider: { sort: 'price' } })).toEqual({
      model: 'm',
      max_tokens: 5,
      provider: { sort: 'price' },
      messages: [{ role: 'user', content: 'Say hi' }],
    });
  });

  it('takes a one-element list of prompts', () => {
    expect(toChatBody({ model: 'm', prompt: ['Say hi'] })).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'Say hi' }],
    });
  });

  it.each([
    [3, { logprobs: true, top_logprobs: 3 }],
    [0, { logprobs: true }],
    [null, {}],
  ])('reads logprobs %p as chat logprobs', (logprobs, expected) => {
    expect(toChatBody({ model: 'm', prompt: 'x', logprobs })).toEqual({
      model: 'm',
      ...expected,
      messages: [{ role: 'user', content: 'x' }],
    });
  });

  it('drops the legacy fields at their defaults', () => {
    expect(toChatBody({ model: 'm', prompt: 'x', echo: false, suffix: null, best_of: 1 })).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
    });
  });

  it.each([
    ['echo', { echo: true }, /echo: is not supported/],
    ['a suffix', { suffix: 'end' }, /suffix: is not supported/],
    ['best_of', { best_of: 3 }, /best_of: is not supported/],
    ['logprobs: true', { logprobs: true }, /logprobs: must be a number/],
    ['two prompts', { prompt: ['a', 'b'] }, /prompt: must be a string/],
  ])('refuses %s with a 400', (_case, fields, message) => {
    const error = refusal({ model: 'm', prompt: 'x', ...fields });
    expect(error.status).toBe(400);
    expect(error.message).toMatch(message);
  });

  it('refuses a body without a prompt', () => {
    expect(refusal({ model: 'm', messages: [{ role: 'user', content: 'x' }] }).message).toMatch(
      /prompt: is required/,
    );
  });
});
