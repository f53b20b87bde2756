import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { CatalogStore } from '../../../libs/catalog';
import { errors } from '../../../libs/contracts';
import { Bus } from '../../../libs/messaging';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { ownerOf } from '../auth/principal';
import { queryService } from '../service-query';

const REPORT_TIMEOUT_MS = 5000;

/**
 * A preset's A/B report: per variant, requests, errors, latency percentiles and cost over a window
 * (`?window=15m|1h|24h|7d`, 24h by default). Metrics computes it and validates the window, so a bad
 * one comes back as its 400. A key's report counts its own generations only; the admin key's, all.
 * A preset the catalog does not have is a 404.
 */
@Controller(['api/v1', 'v1'])
export class PresetReportController {
  constructor(
    private readonly bus: Bus,
    private readonly catalog: CatalogStore,
  ) {}

  @Get('presets/:slug/report')
  get(
    @Req() request: AuthenticatedRequest,
    @Param('slug') slug: string,
    @Query('window') window?: string,
  ): Promise<{ data: Record<string, unknown> }> {
    if (!this.catalog.current.preset(slug)) {
      throw errors.notFound(`Preset "${slug}" not found.`, { preset: slug });
    }
    return queryService(
      this.bus,
      this.bus.subjects.presetReport,
      { preset: slug, window, owner: ownerOf(request.principal!) },
      {
        timeoutMs: REPORT_TIMEOUT_MS,
        unavailable: 'Preset reports are unavailable: the metrics service is not answering.',
      },
    );
  }
}
