import { Inject, Injectable } from '@nestjs/common';
import {
  limitPeriod,
  toNanoUsd,
  toNanoUsdCeil,
  windowStart,
  WINDOW_MS,
  type KeyView,
  type Limits,
} from '../../../libs/accounts';
import { CatalogStore } from '../../../libs/catalog';
import { errors, type ChatRequest } from '../../../libs/contracts';
import type { KeyPrincipal, Principal } from '../auth/principal';
import { INGRESS_ENV, type IngressEnv } from '../config';
import { effectiveLimits, isUnlimited, type DefaultRateLimits } from './effective-limits';
import { KeyLedger, type Admitted } from './key-ledger';
import { rateLimitHeaders, refusalError } from './refusal-error';
import { worstCaseCost, type WorstCase } from './worst-case-cost';

/** Only this module issues admissions: holding one is proof that a request went through `admit`. */
const ISSUED = Symbol('admission');

const NOTHING_RESERVED: WorstCase = {
  cost: 0,
  promptTokens: 0,
  completionTokens: 0,
  completionPrice: 0,
  fixedCost: 0,
  estimatedTokens: 0,
};

/** What a request used, to settle its reservation: USD counted against the key's limit, and tokens. */
export interface Usage {
  cost: number;
  tokens: number;
}

/**
 * A request let in: who sent it, what it may cost at most, what the client is told of its rate
 * limit. `settle` is called exactly once when the request ends, whatever way it ends.
 */
export class Admission {
  private settled = false;

  constructor(
    token: typeof ISSUED,
    readonly principal: KeyPrincipal,
    readonly worstCase: WorstCase,
    /** X-RateLimit-* for the answer, when the key has a request rate limit. */
    readonly headers: Record<string, string>,
    private readonly release: (used: Usage) => void,
  ) {
    if (token !== ISSUED) throw new Error('Admissions come only from AdmissionService.admit');
  }

  get keyHash(): string {
    return this.principal.view.hash;
  }

  settle(used: Usage): void {
    if (this.settled) return;
    this.settled = true;
    this.release(used);
  }
}

/**
 * The one door every inference route goes through, in this order: who is asking (the guard has
 * authenticated the key) → the rate limits → a reservation of the worst-case cost against what is
 * left of the key's limit. Nothing here waits on Postgres; the books are shared through NATS KV.
 */
@Injectable()
export class AdmissionService {
  private readonly defaults: DefaultRateLimits;

  constructor(
    private readonly ledger: KeyLedger,
    private readonly catalogs: CatalogStore,
    @Inject(INGRESS_ENV) env: IngressEnv,
  ) {
    this.defaults = {
      requests: env.SWITCHYARD_DEFAULT_RATE_LIMIT_REQUESTS,
      tokens: env.SWITCHYARD_DEFAULT_RATE_LIMIT_TOKENS,
    };
  }

  async admit(principal: Principal | undefined, request: ChatRequest): Promise<Admission> {
    if (!principal) throw errors.unauthorized();
    if (principal.kind === 'admin') {
      throw errors.unauthorized(
        'The admin key manages keys and cannot run inference: create an API key with POST /api/v1/keys.',
      );
    }
    const { view } = principal;
    const limits = effectiveLimits(view, this.defaults);
    // Nothing to count: no worst case to work out, nothing to settle.
    if (isUnlimited(limits)) return new Admission(ISSUED, principal, NOTHING_RESERVED, {}, () => {});
    const worstCase = worstCaseCost(request, this.catalogs.current, uncountedProviders(view));
    const now = Date.now();
    const demand = {
      spend: limits.spend === null ? 0 : toNanoUsdCeil(worstCase.cost),
      tokens: worstCase.estimatedTokens,
    };
    const answer = await this.ledger.admit(view.hash, limits, limitPeriod(view.limitReset, now), demand);
    if (!answer.ok) {
      throw refusalError(answer, { keyHash: view.hash, limits, limitReset: view.limitReset, worstCase, now });
    }
    return new Admission(ISSUED, principal, worstCase, successHeaders(limits, answer, now), (used) =>
      this.ledger.finish(view.hash, answer.reservation, {
        spend: limits.spend === null ? 0 : toNanoUsd(used.cost),
        tokens: used.tokens,
      }),
    );
  }
}

/**
 * Providers whose spend does not count against the key's limit: those it has its own credential
 * for, unless it counts BYOK in, and unless that credential may fall back to the gateway's.
 */
function uncountedProviders(view: KeyView): Set<string> {
  if (view.includeByokInLimit) return new Set();
  return new Set(
    Object.entries(view.byok).flatMap(([provider, credential]) => (credential.alwaysUse ? [provider] : [])),
  );
}

function successHeaders(limits: Limits, answer: Admitted, now: number): Record<string, string> {
  if (limits.requests === null) return {};
  return rateLimitHeaders(limits.requests, answer.requestsLeft ?? 0, windowStart(now) + WINDOW_MS);
}
