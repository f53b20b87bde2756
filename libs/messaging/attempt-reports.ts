import type { AttemptEvent } from '../contracts';

/** Under load, a router hears of attempts at most this often… */
export const REPORT_WINDOW_MS = 50;
/** …or as soon as this many are waiting. */
const REPORT_MAX_EVENTS = 200;

/**
 * Attempt outcomes on their way to the routers' health view. The first outcome after a quiet spell
 * goes out at once; the ones that follow within REPORT_WINDOW_MS wait and leave together, as one
 * JSON array. Every message costs a delivery to each router replica, which at hundreds of requests
 * a second was one of the few messages a request cost; a breaker that learns of a failing provider
 * up to 50 ms later trips just as well.
 */
export class AttemptReports {
  private waiting: string[] = [];
  private timer?: NodeJS.Timeout;
  private lastSentAt = -Infinity;

  constructor(
    private readonly send: (batch: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  add(event: AttemptEvent): void {
    this.waiting.push(JSON.stringify(event));
    if (this.waiting.length >= REPORT_MAX_EVENTS) return this.flush();
    if (this.timer) return;
    const wait = this.lastSentAt + REPORT_WINDOW_MS - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends what is waiting now (also at shutdown). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiting.length === 0) return;
    this.lastSentAt = this.now();
    const batch = `[${this.waiting.join(',')}]`;
    this.waiting = [];
    this.send(batch);
  }
}

/** A message on the attempt subject: an array of events (a lone event from an older sender is read too). */
export function readAttemptEvents(json: string): AttemptEvent[] {
  const parsed = JSON.parse(json) as AttemptEvent | AttemptEvent[];
  return Array.isArray(parsed) ? parsed : [parsed];
}
