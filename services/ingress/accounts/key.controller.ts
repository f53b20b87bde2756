import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { errors } from '../../../libs/contracts';
import { Bus } from '../../../libs/messaging';
import { effectiveLimits } from '../admission/effective-limits';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { KeyDirectory } from '../auth/key-directory';
import type { Principal } from '../auth/principal';
import { INGRESS_ENV, type IngressEnv } from '../config';
import { askService } from '../service-query';
import { currentKeyBody, type KeyUsageReply } from './current-key';

const TIMEOUT_MS = 3000;
const UNAVAILABLE = 'Key usage is unavailable: the metrics service is not answering.';

/** What the calling key may know of itself, in OpenRouter's shapes; the admin key sees every key's. */
@Controller(['api/v1', 'v1'])
export class KeyController {
  constructor(
    private readonly bus: Bus,
    private readonly keys: KeyDirectory,
    @Inject(INGRESS_ENV) private readonly env: IngressEnv,
  ) {}

  /** OpenRouter's GET /key (and its older name, /auth/key): the calling key's limit and usage. */
  @Get(['key', 'auth/key'])
  async key(@Req() request: AuthenticatedRequest) {
    const principal = request.principal!;
    if (principal.kind === 'admin') return { data: adminKeyBody() };
    const reply = await this.usage(principal.view.hash);
    const limits = effectiveLimits(principal.view, {
      requests: this.env.SWITCHYARD_DEFAULT_RATE_LIMIT_REQUESTS,
      tokens: this.env.SWITCHYARD_DEFAULT_RATE_LIMIT_TOKENS,
    });
    return { data: currentKeyBody(reply, limits, this.keys.labelOf(principal.view.hash)) };
  }

  /**
   * OpenRouter's GET /credits. No credits are bought from a self-hosted gateway: a key with a limit
   * has that limit for its period to spend (`total_usage` is what it spent of it), a key without one
   * has no cap (`total_credits` null); the admin key sees the usage of every key.
   */
  @Get('credits')
  async credits(@Req() request: AuthenticatedRequest) {
    const principal = request.principal!;
    if (principal.kind === 'admin') {
      const { total_usage } = await this.ask<{ total_usage: number }>('usage', {});
      return { data: { total_credits: null, total_usage } };
    }
    const { key, usage, spent } = await this.usage(principal.view.hash);
    return key?.limit != null
      ? { data: { total_credits: key.limit, total_usage: spent } }
      : { data: { total_credits: null, total_usage: usage.usage } };
  }

  /**
   * OpenRouter's GET /activity: per day, model and provider over the last 30 days (or `date`), for
   * the calling key; the admin key sees every key's, or one key's with `api_key_hash`.
   */
  @Get('activity')
  activity(@Req() request: AuthenticatedRequest, @Query() query: Record<string, unknown>) {
    const { api_key_hash: asked, ...rest } = query;
    return this.ask('activity', { hash: ownerFor(request.principal!, asked), query: rest });
  }

  private usage(hash: string): Promise<KeyUsageReply> {
    return this.ask<KeyUsageReply>('usage', { hash });
  }

  private ask<T>(operation: 'usage' | 'activity', request: Record<string, unknown>): Promise<T> {
    return askService<T>(this.bus, this.bus.subjects.accounts(operation), request, {
      timeoutMs: TIMEOUT_MS,
      unavailable: UNAVAILABLE,
    });
  }
}

/** Whose activity: a key's own (another's is refused), or for the admin key the one asked for, else all. */
function ownerFor(principal: Principal, asked: unknown): string | null {
  if (principal.kind === 'admin') return typeof asked === 'string' && asked !== '' ? asked : null;
  if (asked !== undefined && asked !== principal.view.hash) {
    throw errors.forbidden('Only management keys can perform this operation');
  }
  return principal.view.hash;
}

function adminKeyBody() {
  return {
    ...currentKeyBody(null, { spend: null, requests: null, tokens: null }, 'admin'),
    is_management_key: true,
    is_provisioning_key: true,
  };
}
