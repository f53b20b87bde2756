import { DeliveredText, type WrittenPiece } from './delivered-text';

describe('DeliveredText', () => {
  it.each<{ name: string; pieces: WrittenPiece[]; answer: string; reasoning: string }>([
    { name: 'nothing', pieces: [], answer: '', reasoning: '' },
    { name: 'a role-only first delta', pieces: [{ content: '' }], answer: '', reasoning: '' },
    {
      name: 'content deltas, in order',
      pieces: [{ content: 'Hel' }, { content: 'lo' }],
      answer: 'Hello',
      reasoning: '',
    },
    {
      name: 'a refusal',
      pieces: [{ content: null, refusal: 'I cannot.' }],
      answer: 'I cannot.',
      reasoning: '',
    },
    {
      name: 'reasoning, apart from the answer',
      pieces: [{ reasoning: 'Think' }, { reasoning: 'ing.' }, { content: 'Yes' }],
      answer: 'Yes',
      reasoning: 'Thinking.',
    },
    {
      name: 'tool calls: their names and streamed arguments',
      pieces: [
        { tool_calls: [{ function: { name: 'weather', arguments: '' } }] },
        { tool_calls: [{ function: { arguments: '{"city":' } }] },
        { tool_calls: [{ function: { arguments: '"Paris"}' } }] },
      ],
      answer: 'weather{"city":"Paris"}',
      reasoning: '',
    },
    {
      name: 'a whole message with content and a tool call',
      pieces: [{ content: 'Let me look.', tool_calls: [{ function: { name: 'look', arguments: '{}' } }] }],
      answer: 'Let me look.look{}',
      reasoning: '',
    },
  ])('keeps $name', ({ pieces, answer, reasoning }) => {
    const delivered = new DeliveredText();
    for (const piece of pieces) delivered.add(piece);
    expect(delivered).toMatchObject({ answer, reasoning, empty: answer === '' && reasoning === '' });
  });
});
