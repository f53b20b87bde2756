/** A circuit breaker's state. Closed: send. Open: do not send (failing). Half-open: probes may go. */
export type Circuit = 'closed' | 'open' | 'half-open';

/** What the router knows of one endpoint (a model served by a provider) from recent attempts. */
export interface EndpointHealth {
  /** Attempts in the window. */
  requests: number;
  /** Share of those attempts that failed with a retryable (provider-side) error, 0..1. */
  errorRate: number;
  /** Time to first token, ms, over successful attempts; null without data. */
  ttftP50Ms: number | null;
  ttftP90Ms: number | null;
  /** Completion tokens per second of generation, median; null without data. */
  throughputTps: number | null;
  /** Epoch ms of the last significant outage, or null. */
  lastOutageAt: number | null;
  circuit: Circuit;
}

/** The view of endpoint health that routing reads: the router keeps it, ingress holds its published copy. */
export interface HealthView {
  get(providerId: string, model: string): EndpointHealth | undefined;
}

/** A view with no data: every endpoint looks healthy and unmeasured. */
export const NO_HEALTH_DATA: HealthView = { get: () => undefined };
