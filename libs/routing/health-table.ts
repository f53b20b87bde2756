import type { Circuit, EndpointHealth, HealthView } from './endpoint-health';

/**
 * One endpoint's health as the router publishes it. Times are durations from the moment the table
 * was made, so that a reader on another clock places them right.
 */
export interface HealthTableRow {
  providerId: string;
  model: string;
  requests: number;
  errorRate: number;
  ttftP50Ms: number | null;
  ttftP90Ms: number | null;
  throughputTps: number | null;
  /** How long ago the last significant outage was, ms; null: none. */
  lastOutageAgoMs: number | null;
  circuit: Circuit;
  /** For an open circuit: in how many ms its cool-down ends (it turns half-open). */
  halfOpenInMs?: number;
}

/** The router's whole health view, published every second and at once when a circuit opens or closes. */
export interface HealthTable {
  rows: HealthTableRow[];
}

interface HeldRow {
  health: EndpointHealth;
  /** Epoch ms (this process's clock) when an open circuit turns half-open. */
  halfOpenAt: number | null;
}

/**
 * The routers' health view as a reader keeps it: the last table received, with an open circuit
 * turning half-open on time even before the next table. Policy (breaker, outages) is the router's;
 * this only applies what it published. With no table yet, every endpoint looks healthy and unmeasured.
 */
export class HealthTableView implements HealthView {
  private rows = new Map<string, HeldRow>();

  constructor(private readonly now: () => number = Date.now) {}

  apply(table: HealthTable): void {
    const receivedAt = this.now();
    const rows = new Map<string, HeldRow>();
    for (const row of table.rows) {
      rows.set(key(row.providerId, row.model), {
        health: {
          requests: row.requests,
          errorRate: row.errorRate,
          ttftP50Ms: row.ttftP50Ms,
          ttftP90Ms: row.ttftP90Ms,
          throughputTps: row.throughputTps,
          lastOutageAt: row.lastOutageAgoMs === null ? null : receivedAt - row.lastOutageAgoMs,
          circuit: row.circuit,
        },
        halfOpenAt: row.circuit === 'open' ? receivedAt + (row.halfOpenInMs ?? 0) : null,
      });
    }
    this.rows = rows;
  }

  get(providerId: string, model: string): EndpointHealth | undefined {
    const held = this.rows.get(key(providerId, model));
    if (!held) return undefined;
    if (held.halfOpenAt !== null && this.now() >= held.halfOpenAt) {
      return { ...held.health, circuit: 'half-open' };
    }
    return held.health;
  }
}

const key = (providerId: string, model: string) => `${providerId} ${model}`;
