import { requestedParameters } from './requested-parameters';

describe('requestedParameters', () => {
  it('lists the parameters given, not routing, content or empty fields', () => {
    expect(
      requestedParameters({
        model: 'm',
        messages: [{ role: 'user', content: 'x' }],
        stream: true,
        provider: { sort: 'price' },
        session_id: 's',
        temperature: 0.2,
        top_k: 4,
        seed: null,
        tools: [{ type: 'function', function: { name: 'f' } }],
      }),
    ).toEqual(['temperature', 'top_k', 'tools']);
  });
});
