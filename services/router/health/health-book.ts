import type { AttemptEvent } from '../../../libs/contracts';
import { outcomeOf, throughputOf } from './attempt-outcome';
import {
  afterAttempt,
  circuitAt,
  closedBreaker,
  DEFAULT_BREAKER,
  type BreakerConfig,
  type BreakerState,
  type Circuit,
} from './circuit-breaker';
import type { EndpointHealth, HealthTable, HealthView } from '../../../libs/routing';
import { countWindow, createWindow, recordSample, summarizeWindow, type HealthWindow } from './health-window';
import { percentile, percentiles, type Percentiles } from './percentiles';
import { createUptimeRing, dailyUptime, recordUptime, type UptimeRing } from './uptime-ring';

const uptimeOf = ({ requests, failures }: { requests: number; failures: number }) =>
  requests === 0 ? null : ((requests - failures) / requests) * 100;

/** What routing reads: recent enough to react within minutes. */
export const HEALTH_VIEW_SPAN_MS = 5 * 60_000;
/** What the endpoints API reports (`uptime_last_30m`, …). */
export const REPORT_SPAN_MS = 30 * 60_000;
/** Routing reads health at every request; the window's math is redone at most this often. */
const VIEW_CACHE_MS = 1000;

/** One endpoint's health as the endpoints API shows it, over REPORT_SPAN_MS. */
export interface EndpointReport {
  /** Share of counted attempts that succeeded over the last 30 min, in percent; null without attempts. */
  uptimePercent: number | null;
  /** The same over the last 5 minutes and the last day. */
  uptimePercent5m: number | null;
  uptimePercent1d: number | null;
  /** Time to first token, ms. */
  latencyMs: Percentiles | null;
  /** Completion tokens per second. */
  throughputTps: Percentiles | null;
  circuit: Circuit;
}

interface EndpointRecord {
  providerId: string;
  model: string;
  window: HealthWindow;
  uptime: UptimeRing;
  breaker: BreakerState;
  lastOutageAt: number | null;
  view?: { computedAt: number; health: Omit<EndpointHealth, 'circuit'> };
}

/**
 * Every endpoint's health from the attempts seen, keyed by provider and public model. An outage
 * counts as significant when it trips the circuit breaker (5 failures in a row, or over half of at
 * least 10 attempts within 30 s): `lastOutageAt` is the last trip. Times are this process's clock
 * at receipt, so replicas on skewed clocks still agree on order.
 */
export class HealthBook implements HealthView {
  private readonly endpoints = new Map<string, EndpointRecord>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly config: BreakerConfig = DEFAULT_BREAKER,
  ) {}

  /** Takes an attempt in; true when it opened or closed the endpoint's circuit. */
  record(event: AttemptEvent): boolean {
    const outcome = outcomeOf(event);
    if (outcome === 'ignored') return false;
    const now = this.now();
    const entry = this.entry(event.providerId, event.model);
    const ttftMs = outcome === 'success' ? event.firstTokenMs : null;
    recordSample(entry.window, { outcome, ttftMs, throughputTps: throughputOf(event) }, now);
    recordUptime(entry.uptime, outcome === 'success', now);
    const recent = countWindow(entry.window, now, this.config.recentSpanMs);
    const breaker = afterAttempt(entry.breaker, outcome, recent, now, this.config);
    if (breaker.phase === 'open' && breaker.openedAt !== entry.breaker.openedAt) {
      entry.lastOutageAt = now;
      // An outage shows at once; other news waits for the view to age (VIEW_CACHE_MS).
      entry.view = undefined;
    }
    const changed = breaker.phase !== entry.breaker.phase || breaker.openedAt !== entry.breaker.openedAt;
    entry.breaker = breaker;
    return changed;
  }

  /** Every endpoint's health as routing reads it, for readers in other processes (see HealthTableView). */
  table(): HealthTable {
    const now = this.now();
    const rows = [...this.endpoints.values()].map((entry) => {
      const { lastOutageAt, circuit, ...health } = this.get(entry.providerId, entry.model)!;
      const { openedAt, cooldownMs } = entry.breaker;
      return {
        providerId: entry.providerId,
        model: entry.model,
        ...health,
        lastOutageAgoMs: lastOutageAt === null ? null : now - lastOutageAt,
        circuit,
        ...(circuit === 'open' && { halfOpenInMs: (openedAt ?? now) + cooldownMs - now }),
      };
    });
    return { rows };
  }

  get(providerId: string, model: string): EndpointHealth | undefined {
    const entry = this.endpoints.get(key(providerId, model));
    if (!entry) return undefined;
    const now = this.now();
    if (!entry.view || now - entry.view.computedAt >= VIEW_CACHE_MS) {
      entry.view = { computedAt: now, health: this.summarize(entry, now) };
    }
    return { ...entry.view.health, circuit: circuitAt(entry.breaker, now) };
  }

  report(providerId: string, model: string): EndpointReport | undefined {
    const entry = this.endpoints.get(key(providerId, model));
    if (!entry) return undefined;
    const now = this.now();
    const summary = summarizeWindow(entry.window, now, REPORT_SPAN_MS);
    const lastFive = countWindow(entry.window, now, HEALTH_VIEW_SPAN_MS);
    return {
      uptimePercent: uptimeOf(summary),
      uptimePercent5m: uptimeOf(lastFive),
      uptimePercent1d: dailyUptime(entry.uptime, now),
      latencyMs: percentiles(summary.ttftMs),
      throughputTps: percentiles(summary.throughputTps),
      circuit: circuitAt(entry.breaker, now),
    };
  }

  private summarize(entry: EndpointRecord, now: number): Omit<EndpointHealth, 'circuit'> {
    const summary = summarizeWindow(entry.window, now, HEALTH_VIEW_SPAN_MS);
    return {
      requests: summary.requests,
      errorRate: summary.requests === 0 ? 0 : summary.failures / summary.requests,
      ttftP50Ms: percentile(summary.ttftMs, 50),
      ttftP90Ms: percentile(summary.ttftMs, 90),
      throughputTps: percentile(summary.throughputTps, 50),
      lastOutageAt: entry.lastOutageAt,
    };
  }

  private entry(providerId: string, model: string): EndpointRecord {
    const id = key(providerId, model);
    let entry = this.endpoints.get(id);
    if (!entry) {
      entry = {
        providerId,
        model,
        window: createWindow(REPORT_SPAN_MS),
        uptime: createUptimeRing(),
        breaker: closedBreaker(this.config),
        lastOutageAt: null,
      };
      this.endpoints.set(id, entry);
    }
    return entry;
  }
}

// A model id has a slash but never a space; a provider id neither.
const key = (providerId: string, model: string) => `${providerId} ${model}`;
