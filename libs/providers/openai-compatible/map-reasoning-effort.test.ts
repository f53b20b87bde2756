import { mapReasoningEffort } from './map-reasoning-effort';
import type { ReasoningRequest } from '../shared/openrouter-reasoning';

describe('mapReasoningEffort', () => {
  it.each<{ name: string; reasoning: ReasoningRequest; outputLimit?: number; expected: string | undefined }>([
    { name: 'nothing asked', reasoning: { exclude: false }, expected: undefined },
    { name: 'exclude only', reasoning: { exclude: true }, expected: undefined },
    { name: 'an effort', reasoning: { effort: 'high', exclude: false }, expected: 'high' },
    {
      name: 'an effort only some models take',
      reasoning: { effort: 'minimal', exclude: false },
      expected: 'minimal',
    },
    { name: 'effort none', reasoning: { effort: 'none', exclude: false }, expected: 'none' },
    { name: 'enabled: false', reasoning: { enabled: false, exclude: false }, expected: 'none' },
    {
      name: 'enabled: false beside an effort',
      reasoning: { enabled: false, effort: 'high', exclude: false },
      expected: 'none',
    },
    { name: 'enabled: true', reasoning: { enabled: true, exclude: false }, expected: 'medium' },
    {
      name: 'a budget of 20% of the output',
      reasoning: { maxTokens: 2000, exclude: false },
      outputLimit: 10_000,
      expected: 'low',
    },
    {
      name: 'a budget of 45% of the output',
      reasoning: { maxTokens: 4500, exclude: false },
      outputLimit: 10_000,
      expected: 'medium',
    },
    {
      name: 'a budget of 70% of the output',
      reasoning: { maxTokens: 7000, exclude: false },
      outputLimit: 10_000,
      expected: 'high',
    },
    {
      name: 'a budget above the output limit',
      reasoning: { maxTokens: 32_000, exclude: false },
      outputLimit: 1000,
      expected: 'high',
    },
    {
      name: 'a tiny budget',
      reasoning: { maxTokens: 10, exclude: false },
      outputLimit: 10_000,
      expected: 'low',
    },
    {
      name: 'a budget without an output limit',
      reasoning: { maxTokens: 4000, exclude: false },
      expected: 'medium',
    },
  ])('maps $name', ({ reasoning, outputLimit, expected }) => {
    expect(mapReasoningEffort(reasoning, outputLimit)).toBe(expected);
  });
});
