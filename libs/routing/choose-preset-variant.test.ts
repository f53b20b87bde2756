import type { PresetConfig } from '../catalog';
import { choosePresetVariant, presetSlugOf } from './choose-preset-variant';

const preset: PresetConfig = {
  slug: 'exp',
  variants: [
    { name: 'control', weight: 3, models: ['x/one'] },
    { name: 'treatment', weight: 1, models: ['x/two'], parameters: { temperature: 0.2 } },
  ],
};

describe('presetSlugOf', () => {
  it.each([
    ['@preset/exp', 'exp'],
    ['x/one', undefined],
    [undefined, undefined],
  ])('%s', (model, slug) => {
    expect(presetSlugOf(model)).toBe(slug);
  });
});

describe('choosePresetVariant', () => {
  it.each([
    [0, 'control'],
    [0.74, 'control'],
    [0.75, 'treatment'],
    [0.999, 'treatment'],
  ])('without a caller, draw %d by weight', (draw, name) => {
    expect(choosePresetVariant(preset, undefined, () => draw).name).toBe(name);
  });

  it('gives a caller the same variant whatever the random source', () => {
    const first = choosePresetVariant(preset, 'user-7', () => 0).name;
    for (const draw of [0.1, 0.5, 0.9]) {
      expect(choosePresetVariant(preset, 'user-7', () => draw).name).toBe(first);
    }
  });

  it('spreads callers across variants by weight', () => {
    const counts = { control: 0, treatment: 0 };
    for (let i = 0; i < 4_000; i++)
      counts[choosePresetVariant(preset, `user-${i}`, () => 0).name as 'control']++;
    expect(counts.control / 4_000).toBeCloseTo(0.75, 1);
  });
});
