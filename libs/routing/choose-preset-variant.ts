import { createHash } from 'node:crypto';
import type { PresetConfig, PresetVariant } from '../catalog';

export const PRESET_PREFIX = '@preset/';

/** The slug of `@preset/<slug>`, or undefined for an ordinary model id. */
export const presetSlugOf = (model: string | undefined): string | undefined =>
  model?.startsWith(PRESET_PREFIX) ? model.slice(PRESET_PREFIX.length) : undefined;

/** A stable point in [0, 1) for a caller and preset: the same user always lands on the same arm. */
function stableFraction(preset: string, stickBy: string): number {
  const digest = createHash('sha256').update(`${preset}\0${stickBy}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/**
 * Draws a preset's variant by weight: by a hash of the caller (`user`, else `sessionId`) so an
 * experiment's arms stay put per caller, or at random when the request names neither.
 */
export function choosePresetVariant(
  preset: PresetConfig,
  stickBy: string | null | undefined,
  random: () => number,
): PresetVariant {
  const point = stickBy ? stableFraction(preset.slug, stickBy) : random();
  const total = preset.variants.reduce((sum, v) => sum + v.weight, 0);
  let remaining = point * total;
  for (const variant of preset.variants) {
    remaining -= variant.weight;
    if (remaining < 0) return variant;
  }
  return preset.variants[preset.variants.length - 1];
}
