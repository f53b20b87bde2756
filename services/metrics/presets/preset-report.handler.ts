import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { z } from 'zod';
import { errors, type QueryReply } from '../../../libs/contracts';
import { Bus } from '../../../libs/messaging';
import { GenerationRepository, type VariantStats } from '../generations/generation.repository';
import { DEFAULT_REPORT_WINDOW, parseReportWindow } from './report-window';

/** One arm of a preset's A/B comparison; ttft is OpenRouter's `latency` (time to the first byte). */
export interface VariantReport extends VariantStats {
  ttft_p50_ms: number | null;
}

export interface PresetReport {
  preset: string;
  window: string;
  variants: VariantReport[];
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
    const stats = await this.generations.variantStats(preset, windowLength.seconds, owner);
    const variants = stats.map((arm) => ({ ...arm, ttft_p50_ms: arm.latency_p50_ms }));
    return { ok: true, data: { preset, window, variants } };
  }
}
