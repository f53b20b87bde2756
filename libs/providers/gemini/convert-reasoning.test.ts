import { GatewayError } from '../../contracts';
import { convertReasoning } from './convert-reasoning';

const flash25 = 'gemini-2.5-flash';
const pro3 = 'gemini-3-pro-preview';

describe('convertReasoning', () => {
  it.each([
    { name: 'nothing asked', reasoning: undefined, include: undefined, model: flash25, config: undefined },
    {
      name: 'enabled',
      reasoning: { enabled: true },
      include: undefined,
      model: flash25,
      config: { includeThoughts: true },
    },
    {
      name: 'include_reasoning',
      reasoning: undefined,
      include: true,
      model: pro3,
      config: { includeThoughts: true },
    },
    {
      name: 'include_reasoning false',
      reasoning: undefined,
      include: false,
      model: pro3,
      config: { includeThoughts: false },
    },
    {
      name: 'a budget',
      reasoning: { max_tokens: 2000 },
      include: undefined,
      model: flash25,
      config: { thinkingBudget: 2000, includeThoughts: true },
    },
    {
      name: 'a budget on Gemini 3',
      reasoning: { max_tokens: 2000, exclude: true },
      include: undefined,
      model: pro3,
      config: { thinkingBudget: 2000, includeThoughts: false },
    },
    {
      name: 'an effort on Gemini 2.5',
      reasoning: { effort: 'medium' },
      include: undefined,
      model: flash25,
      config: { thinkingBudget: 8192, includeThoughts: true },
    },
    {
      name: 'an effort on Gemini 3',
      reasoning: { effort: 'low' },
      include: undefined,
      model: pro3,
      config: { thinkingLevel: 'low', includeThoughts: true },
    },
    {
      name: 'minimal on Gemini 3, as the lowest level every model takes',
      reasoning: { effort: 'minimal' },
      include: undefined,
      model: 'gemini-3.8-flash',
      config: { thinkingLevel: 'low', includeThoughts: true },
    },
    {
      name: 'xhigh on Gemini 3',
      reasoning: { effort: 'xhigh' },
      include: undefined,
      model: 'gemini-3-flash-preview',
      config: { thinkingLevel: 'high', includeThoughts: true },
    },
    {
      name: 'none on Gemini 2.5',
      reasoning: { effort: 'none' },
      include: undefined,
      model: flash25,
      config: { thinkingBudget: 0, includeThoughts: false },
    },
    {
      name: 'disabled on Gemini 3',
      reasoning: { enabled: false },
      include: undefined,
      model: pro3,
      config: { includeThoughts: false },
    },
    {
      name: 'excluded thoughts',
      reasoning: { effort: 'high', exclude: true },
      include: undefined,
      model: flash25,
      config: { thinkingBudget: 24576, includeThoughts: false },
    },
  ])('converts $name', ({ reasoning, include, model, config }) => {
    expect(convertReasoning(reasoning, include, model)).toEqual(config);
  });

  it.each([
    [{ effort: 'ultra' }, 'reasoning.effort'],
    [{ max_tokens: -5 }, 'reasoning.max_tokens'],
    ['high', 'reasoning: '],
  ])('rejects %p with a 400 naming %s', (reasoning, field) => {
    const convert = () => convertReasoning(reasoning, undefined, flash25);
    expect(convert).toThrow(GatewayError);
    expect(convert).toThrow(`Invalid request: ${field}`);
  });
});
