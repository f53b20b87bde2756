import { Controller, Get, Param, Query } from '@nestjs/common';
import { errors, GatewayError, type WireError } from '../../../libs/contracts';
import { Bus, MessagingError } from '../../../libs/messaging';

const REPORT_TIMEOUT_MS = 5000;

type ReportReply = { ok: true; data: Record<string, unknown> } | ({ ok: false } & WireError);

/**
 * A preset's A/B report: per variant, requests, errors, latency percentiles and cost over a window
 * (`?window=15m|1h|24h|7d`, 24h by default). Metrics computes it and validates the window, so a bad
 * one comes back as its 400.
 */
@Controller(['api/v1', 'v1'])
export class PresetReportController {
  constructor(private readonly bus: Bus) {}

  @Get('presets/:slug/report')
  async get(
    @Param('slug') slug: string,
    @Query('window') window?: string,
  ): Promise<{ data: Record<string, unknown> }> {
    let reply: ReportReply;
    try {
      reply = await this.bus.request<ReportReply>(
        this.bus.subjects.presetReport,
        { preset: slug, window },
        REPORT_TIMEOUT_MS,
      );
    } catch (error) {
      if (error instanceof MessagingError) {
        throw errors.noProvider('Preset reports are unavailable: the metrics service is not answering.');
      }
      throw error;
    }
    if (!reply.ok) throw GatewayError.fromWire(reply);
    return { data: reply.data };
  }
}
