import { encryptedReasoningDetail, readThoughtSignatures } from './reasoning-details';

describe('encryptedReasoningDetail', () => {
  it.each<{ name: string; args: [string, number, string?]; detail: unknown }>([
    {
      name: 'a function call signature, with the call id',
      args: ['sig-a', 0, 'call_1'],
      detail: {
        type: 'reasoning.encrypted',
        data: 'sig-a',
        id: 'call_1',
        format: 'google-gemini-v1',
        index: 0,
      },
    },
    {
      name: 'a text signature, without an id',
      args: ['sig-b', 2],
      detail: { type: 'reasoning.encrypted', data: 'sig-b', format: 'google-gemini-v1', index: 2 },
    },
  ])('builds $name', ({ args, detail }) => {
    expect(encryptedReasoningDetail(...args)).toEqual(detail);
  });
});

describe('readThoughtSignatures', () => {
  it.each([
    { name: 'nothing', details: undefined, byId: {}, onText: [] },
    { name: 'a malformed field', details: 'oops', byId: {}, onText: [] },
    {
      name: 'signatures by call id and on text',
      details: [
        { type: 'reasoning.encrypted', data: 's1', id: 'call_1', format: 'google-gemini-v1', index: 0 },
        { type: 'reasoning.encrypted', data: 's2', format: 'google-gemini-v1', index: 1 },
        { type: 'reasoning.encrypted', data: 's3', id: 'call_2' },
      ],
      byId: { call_1: 's1', call_2: 's3' },
      onText: ['s2'],
    },
    {
      name: 'other providers and readable reasoning, skipped',
      details: [
        { type: 'reasoning.encrypted', data: 'x', format: 'anthropic-claude-v1' },
        { type: 'reasoning.text', text: 'thinking…', format: 'google-gemini-v1' },
        { type: 'reasoning.encrypted', data: '', format: 'google-gemini-v1' },
      ],
      byId: {},
      onText: [],
    },
  ])('reads $name', ({ details, byId, onText }) => {
    const signatures = readThoughtSignatures(details);
    expect(Object.fromEntries(signatures.byToolCallId)).toEqual(byId);
    expect(signatures.onText).toEqual(onText);
  });
});
