import { encryptedReasoningDetail, replayReasoningDetails, textReasoningDetail } from './reasoning-details';

const format = 'anthropic-claude-v1';

describe('reasoning details for the client', () => {
  it.each([
    {
      name: 'text with its signature',
      detail: textReasoningDetail('Let me think', 0, 'sig'),
      expected: { type: 'reasoning.text', text: 'Let me think', signature: 'sig', format, index: 0 },
    },
    {
      name: 'text before its signature came',
      detail: textReasoningDetail('Let', 1),
      expected: { type: 'reasoning.text', text: 'Let', format, index: 1 },
    },
    {
      name: 'redacted thinking',
      detail: encryptedReasoningDetail('EmwKAhgB', 2),
      expected: { type: 'reasoning.encrypted', data: 'EmwKAhgB', format, index: 2 },
    },
  ])('writes $name', ({ detail, expected }) => {
    expect(detail).toEqual(expected);
  });
});

describe('replayReasoningDetails', () => {
  it.each([
    {
      name: 'a thinking block with its signature',
      details: [{ type: 'reasoning.text', text: 'Hmm.', signature: 'sig-1', format, index: 0 }],
      expected: [{ type: 'thinking', thinking: 'Hmm.', signature: 'sig-1' }],
    },
    {
      name: 'a redacted block',
      details: [{ type: 'reasoning.encrypted', data: 'EmwKAhgB', format, index: 0 }],
      expected: [{ type: 'redacted_thinking', data: 'EmwKAhgB' }],
    },
    {
      name: 'blocks in their order',
      details: [
        { type: 'reasoning.text', text: 'First.', signature: 'sig-1', format, index: 0 },
        { type: 'reasoning.encrypted', data: 'EmwK', format, index: 1 },
        { type: 'reasoning.text', text: 'Then.', signature: 'sig-2', format, index: 2 },
      ],
      expected: [
        { type: 'thinking', thinking: 'First.', signature: 'sig-1' },
        { type: 'redacted_thinking', data: 'EmwK' },
        { type: 'thinking', thinking: 'Then.', signature: 'sig-2' },
      ],
    },
    {
      name: 'streamed entries of one index, joined',
      details: [
        { type: 'reasoning.text', text: 'The previous', format, index: 0 },
        { type: 'reasoning.text', text: ' result', format, index: 0 },
        { type: 'reasoning.text', text: '', signature: 'sig-1', format, index: 0 },
      ],
      expected: [{ type: 'thinking', thinking: 'The previous result', signature: 'sig-1' }],
    },
    {
      name: 'entries without a format (clients drop it)',
      details: [{ type: 'reasoning.text', text: 'Hmm.', signature: 'sig-1' }],
      expected: [{ type: 'thinking', thinking: 'Hmm.', signature: 'sig-1' }],
    },
    {
      name: 'nothing of another provider',
      details: [
        { type: 'reasoning.encrypted', data: 'gemini-signature', format: 'google-gemini-v1', index: 0 },
        { type: 'reasoning.text', text: 'o-series', signature: 'x', format: 'openai-responses-v1', index: 1 },
      ],
      expected: [],
    },
    {
      name: 'no unsigned text, which Anthropic rejects',
      details: [{ type: 'reasoning.text', text: 'Hmm.', format, index: 0 }],
      expected: [],
    },
    {
      name: 'no summary',
      details: [{ type: 'reasoning.summary', summary: 'Thought hard.', format, index: 0 }],
      expected: [],
    },
    { name: 'nothing from an unreadable field', details: 'not a list', expected: [] },
    { name: 'nothing from no field', details: undefined, expected: [] },
  ])('replays $name', ({ details, expected }) => {
    expect(replayReasoningDetails(details)).toEqual(expected);
  });
});
