import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { z } from 'zod';
import { errors, type QueryReply } from '../../../libs/contracts';
import { Bus } from '../../../libs/messaging';
import { GenerationRepository, type VariantStats } from '../generations/generation.repository';
import { compareArms, type ArmComparison } from './arm-comparisons';
import { DEFAULT_REPORT_WINDOW, parseReportWindow } from './report-window';

/** The comparisons use each arm's latest this many generations in the window, so their cost is bounded. */
export const MAX_COMPARED_ROWS_PER_ARM = 10_000;

/** One arm of a preset's A/B comparison; ttft is OpenRouter's `latency` (time to the first byte). */
export interface VariantReport extends VariantStats {
  ttft_p50_ms: number | null;
}

export interface PresetReport {
  preset: string;
  window: string;
  variants: VariantReport[];
  /**
   * Each variant against the baseline, the first variant (by name), on each metric with its own
   * test; none with fewer than two variants.
   */
  comparisons: ArmComparison[];
  /** The rows behind the comparisons: arms with more requests in the window gave only their latest. */
  comparison_sample: { max_rows_per_arm: number; limited_arms: (string | null)[] };
}

export type PresetReportReply = QueryReply<PresetReport>;

const reportRequestSchema = z.object({
  preset: z.string().min(1),
  window: z.string().default(DEFAULT_REPORT_WINDOW),
  /** The key hash whose generations count; null: every key's (the admin key). */
  owner: z.string().nullable(),
});

/** Answers `presetReport` requests (what ingress turns into GET /api/v1/presets/{slug}/report). */
@Injectable()
export class PresetReportHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: Bus,
    private readonly generations: GenerationRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.bus.serve(this.bus.subjects.presetReport, 'metrics', (request: unknown) => this.report(request));
  }

  async report(request: unknown): Promise<PresetReportReply> {
    const parsed = reportRequestSchema.safeParse(request);
    if (!parsed.success) {
      const message =
        'A preset report needs { "preset": "<slug>", "window"?: "24h", "owner": <key hash or null> }';
      return { ok: false, ...errors.badRequest(message).toWire() };
    }
    const { preset, window, owner } = parsed.data;
    const windowLength = parseReportWindow(window);
    if (!windowLength.ok) {
      return { ok: false, ...errors.badRequest(`Invalid request: window: ${windowLength.reason}`).toWire() };
    }
    // A preset without traffic in the window (or not known at all) has simply no variants yet.
    const report = await this.generations.variantReport(
      preset,
      windowLength.seconds,
      owner,
      MAX_COMPARED_ROWS_PER_ARM,
    );
    const variants = report.variants.map((arm) => ({ ...arm, ttft_p50_ms: arm.latency_p50_ms }));
    const comparisons = compareArms(variants[0]?.variant ?? null, report.sides);
    const limited = variants
      .filter((arm) => arm.requests > MAX_COMPARED_ROWS_PER_ARM)
      .map((arm) => arm.variant);
    const comparison_sample = { max_rows_per_arm: MAX_COMPARED_ROWS_PER_ARM, limited_arms: limited };
    return { ok: true, data: { preset, window, variants, comparisons, comparison_sample } };
  }
}
