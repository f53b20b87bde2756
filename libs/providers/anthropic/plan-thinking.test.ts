import type { ThinkingStyle } from './claude-thinking-style';
import { planThinking } from './plan-thinking';

const budget: ThinkingStyle = { kind: 'budget' };
const adaptive: ThinkingStyle = { kind: 'adaptive', topEffort: 'xhigh' };
const adaptiveUpToMax: ThinkingStyle = { kind: 'adaptive', topEffort: 'max' };

describe('planThinking', () => {
  it.each([
    {
      name: 'no reasoning asked',
      reasoning: { exclude: false },
      maxTokens: 4096,
      expected: { maxTokens: 4096 },
    },
    {
      name: 'only exclude',
      reasoning: { exclude: true },
      maxTokens: 4096,
      expected: { maxTokens: 4096 },
    },
    {
      name: 'effort none',
      reasoning: { effort: 'none' as const, exclude: false },
      maxTokens: 4096,
      expected: { maxTokens: 4096 },
    },
    {
      name: 'enabled: false with an effort',
      reasoning: { effort: 'high' as const, enabled: false, exclude: false },
      maxTokens: 4096,
      expected: { maxTokens: 4096 },
    },
    {
      name: 'effort high as 80% of max_tokens',
      reasoning: { effort: 'high' as const, exclude: false },
      maxTokens: 10_000,
      expected: { thinking: { type: 'enabled', budget_tokens: 8000 }, maxTokens: 10_000 },
    },
    {
      name: 'effort xhigh as 95%',
      reasoning: { effort: 'xhigh' as const, exclude: false },
      maxTokens: 10_000,
      expected: { thinking: { type: 'enabled', budget_tokens: 9500 }, maxTokens: 10_000 },
    },
    {
      name: 'effort minimal, at least 1024',
      reasoning: { effort: 'minimal' as const, exclude: false },
      maxTokens: 4096,
      expected: { thinking: { type: 'enabled', budget_tokens: 1024 }, maxTokens: 4096 },
    },
    {
      name: 'effort high, at most 128000',
      reasoning: { effort: 'high' as const, exclude: false },
      maxTokens: 200_000,
      expected: { thinking: { type: 'enabled', budget_tokens: 128_000 }, maxTokens: 200_000 },
    },
    {
      name: 'enabled: true as effort medium',
      reasoning: { enabled: true, exclude: false },
      maxTokens: 4096,
      expected: { thinking: { type: 'enabled', budget_tokens: 2048 }, maxTokens: 4096 },
    },
    {
      name: 'a budget, preferred to an effort',
      reasoning: { maxTokens: 2000, effort: 'high' as const, exclude: false },
      maxTokens: 4096,
      expected: { thinking: { type: 'enabled', budget_tokens: 2000 }, maxTokens: 4096 },
    },
    {
      name: 'a budget below the minimum, raised',
      reasoning: { maxTokens: 500, exclude: false },
      maxTokens: 4096,
      expected: { thinking: { type: 'enabled', budget_tokens: 1024 }, maxTokens: 4096 },
    },
    {
      name: 'a budget over max_tokens, with max_tokens added as room for the answer',
      reasoning: { maxTokens: 8000, exclude: false },
      maxTokens: 4096,
      expected: { thinking: { type: 'enabled', budget_tokens: 8000 }, maxTokens: 12_096 },
    },
    {
      name: 'a minimum budget over a small max_tokens',
      reasoning: { effort: 'low' as const, exclude: false },
      maxTokens: 500,
      expected: { thinking: { type: 'enabled', budget_tokens: 1024 }, maxTokens: 1524 },
    },
  ])('plans $name on a budget model', ({ reasoning, maxTokens, expected }) => {
    expect(planThinking(reasoning, budget, maxTokens)).toEqual(expected);
  });

  it.each([
    {
      name: 'effort high',
      reasoning: { effort: 'high' as const, exclude: false },
      style: adaptive,
      expected: { thinking: { type: 'adaptive', display: 'summarized' }, effort: 'high', maxTokens: 4096 },
    },
    {
      name: 'effort minimal as low',
      reasoning: { effort: 'minimal' as const, exclude: false },
      style: adaptive,
      expected: { thinking: { type: 'adaptive', display: 'summarized' }, effort: 'low', maxTokens: 4096 },
    },
    {
      name: 'effort xhigh',
      reasoning: { effort: 'xhigh' as const, exclude: false },
      style: adaptive,
      expected: { thinking: { type: 'adaptive', display: 'summarized' }, effort: 'xhigh', maxTokens: 4096 },
    },
    {
      name: 'effort xhigh as max where xhigh is unknown',
      reasoning: { effort: 'xhigh' as const, exclude: false },
      style: adaptiveUpToMax,
      expected: { thinking: { type: 'adaptive', display: 'summarized' }, effort: 'max', maxTokens: 4096 },
    },
    {
      name: 'enabled: true, at the model’s own effort',
      reasoning: { enabled: true, exclude: false },
      style: adaptive,
      expected: { thinking: { type: 'adaptive', display: 'summarized' }, maxTokens: 4096 },
    },
    {
      name: 'excluded reasoning, not displayed',
      reasoning: { effort: 'medium' as const, exclude: true },
      style: adaptive,
      expected: { thinking: { type: 'adaptive', display: 'omitted' }, effort: 'medium', maxTokens: 4096 },
    },
    {
      name: 'a budget over max_tokens, as room',
      reasoning: { maxTokens: 8000, exclude: false },
      style: adaptive,
      expected: { thinking: { type: 'adaptive', display: 'summarized' }, maxTokens: 12_096 },
    },
  ])('plans $name on an adaptive model', ({ reasoning, style, expected }) => {
    expect(planThinking(reasoning, style, 4096)).toEqual(expected);
  });
});
