import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TokenPricing, Usage } from '../../../contracts';

/** The recorded provider answers the fixture tests replay (SWITCHYARD_FIXTURES, else test/fixtures/providers). */
export const FIXTURES =
  process.env.SWITCHYARD_FIXTURES ?? path.resolve(__dirname, '../../../..', 'test/fixtures/providers');

/** A recording's text, its path relative to FIXTURES given in parts. */
export function readFixture(...parts: string[]): string {
  return readFileSync(path.join(FIXTURES, ...parts), 'utf8');
}

/** Exact text, or for long answers its length and both ends. */
export type TextExpectation = string | { length: number; start: string; end: string };

export function expectText(
  actual: string | null | undefined,
  expected: TextExpectation | null | undefined,
): void {
  if (expected === null || expected === undefined || typeof expected === 'string') {
    expect(actual).toBe(expected);
    return;
  }
  expect(actual).toHaveLength(expected.length);
  expect(actual?.slice(0, expected.start.length)).toBe(expected.start);
  expect(actual?.slice(-expected.end.length)).toBe(expected.end);
}

export interface TokenCounts {
  prompt: number;
  completion: number;
  /** 0 when not given. */
  cached?: number;
  reasoning: number;
  /** Counted by the gateway (`usage_estimated`), not by the provider. */
  estimated?: true;
}

/** Usage as the gateway reports it for these token counts, priced at `pricing`. */
export function expectUsage(usage: Usage, tokens: TokenCounts, pricing: TokenPricing): void {
  expect(usage).toEqual({
    prompt_tokens: tokens.prompt,
    completion_tokens: tokens.completion,
    total_tokens: tokens.prompt + tokens.completion,
    cost: expect.closeTo(tokens.prompt * pricing.prompt + tokens.completion * pricing.completion, 12),
    prompt_tokens_details: { cached_tokens: tokens.cached ?? 0 },
    completion_tokens_details: { reasoning_tokens: tokens.reasoning },
    ...(tokens.estimated && { usage_estimated: true }),
  });
}
