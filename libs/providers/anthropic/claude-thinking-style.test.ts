import { thinkingStyle } from './claude-thinking-style';

describe('thinkingStyle', () => {
  it.each([
    { model: 'claude-fable-5-2', expected: { kind: 'adaptive', topEffort: 'xhigh' } },
    { model: 'claude-opus-5-5', expected: { kind: 'adaptive', topEffort: 'xhigh' } },
    { model: 'claude-opus-5', expected: { kind: 'adaptive', topEffort: 'xhigh' } },
    { model: 'claude-haiku-5-5', expected: { kind: 'adaptive', topEffort: 'xhigh' } },
    { model: 'claude-opus-4-7', expected: { kind: 'adaptive', topEffort: 'xhigh' } },
    { model: 'claude-sonnet-4-6', expected: { kind: 'adaptive', topEffort: 'max' } },
    { model: 'claude-opus-4-6', expected: { kind: 'adaptive', topEffort: 'max' } },
    { model: 'claude-mythos-preview', expected: { kind: 'adaptive', topEffort: 'max' } },
    { model: 'claude-haiku-4-5-20251001', expected: { kind: 'budget' } },
    { model: 'claude-opus-4-5', expected: { kind: 'budget' } },
    { model: 'claude-opus-4-20250514', expected: { kind: 'budget' } },
    { model: 'claude-3-7-sonnet-20250219', expected: { kind: 'budget' } },
    { model: 'us.anthropic.claude-opus-4-6-v1:0', expected: { kind: 'adaptive', topEffort: 'max' } },
    { model: 'echo', expected: { kind: 'budget' } },
    { model: 'MiniMax-M2', expected: { kind: 'budget' } },
  ])('reads $model', ({ model, expected }) => {
    expect(thinkingStyle(model)).toEqual(expected);
  });
});
