import { GatewayError } from '../../../libs/contracts';
import { promptAsMessages } from './prompt-as-messages';

describe('promptAsMessages', () => {
  it('makes a string prompt the one user message', () => {
    expect(promptAsMessages({ model: 'm', prompt: 'Once upon a time', temperature: 0 })).toEqual({
      model: 'm',
      temperature: 0,
      messages: [{ role: 'user', content: 'Once upon a time' }],
    });
  });

  it.each([
    ['a body without a prompt', { model: 'm', messages: [] }],
    ['a body that is not an object', 'text'],
    ['null', null],
  ])('leaves %s as it is', (_case, body) => {
    expect(promptAsMessages(body)).toBe(body);
  });

  it('drops a null prompt', () => {
    expect(
      promptAsMessages({ model: 'm', prompt: null, messages: [{ role: 'user', content: 'x' }] }),
    ).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
    });
  });

  it.each([
    ['both messages and a prompt', { prompt: 'a', messages: [{ role: 'user', content: 'b' }] }, /either/],
    ['a list of prompts', { prompt: ['a', 'b'] }, /must be a string/],
    ['tokens', { prompt: [1, 2, 3] }, /must be a string/],
  ])('refuses %s with a 400', (_case, body, message) => {
    let thrown: unknown;
    try {
      promptAsMessages(body);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect((thrown as GatewayError).status).toBe(400);
    expect((thrown as GatewayError).message).toMatch(message);
  });
});
