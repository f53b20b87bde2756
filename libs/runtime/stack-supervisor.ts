import { describeExit, ProcessGroup, type ProcessExit, type ServiceProcess } from './process-group';
import { crashStreak, restartDelayMs } from './restart-backoff';

/**
 * Keeps a stack serving: starts its services in order, failing fast if one cannot get ready, then
 * restarts any that crashes, with backoff, until told to stop.
 */
export class StackSupervisor {
  private readonly group: ProcessGroup;
  /** When each service last got ready; undefined after a crash. A service absent here was never ready. */
  private readonly readySince = new Map<string, number | undefined>();
  private readonly streaks = new Map<string, number>();
  private readonly pendingRestarts = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(env: NodeJS.ProcessEnv) {
    this.group = new ProcessGroup({
      env,
      onUnexpectedExit: (service, exit) => this.restartLater(service, exit),
    });
  }

  /** Rejects at the first service that exits or hangs before it is ready: a first start is not retried. */
  async start(services: readonly ServiceProcess[]): Promise<void> {
    for (const service of services) {
      if (this.stopped) return;
      await this.group.start(service);
      this.readySince.set(service.name, Date.now());
    }
  }

  /** Stops a running service and starts it again (a rebuild changed it: `npm run dev`). */
  async replace(service: ServiceProcess): Promise<void> {
    if (this.stopped || this.pendingRestarts.has(service.name)) return;
    await this.group.stop(service.name);
    say(`${service.name} changed; restarting`);
    await this.restart(service);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.pendingRestarts.values()) clearTimeout(timer);
    this.pendingRestarts.clear();
    await this.group.stopAll();
  }

  private restartLater(service: ServiceProcess, exit: ProcessExit): void {
    if (this.stopped || !this.readySince.has(service.name)) return;
    const upSince = this.readySince.get(service.name);
    const upMs = upSince === undefined ? 0 : Date.now() - upSince;
    this.readySince.set(service.name, undefined);
    const streak = crashStreak(this.streaks.get(service.name) ?? 0, upMs);
    this.streaks.set(service.name, streak);
    const delayMs = restartDelayMs(streak);
    say(`${service.name} exited unexpectedly (${describeExit(exit)}); restarting in ${delayMs} ms`);
    this.pendingRestarts.set(
      service.name,
      setTimeout(() => void this.restart(service), delayMs),
    );
  }

  private async restart(service: ServiceProcess): Promise<void> {
    this.pendingRestarts.delete(service.name);
    if (this.stopped) return;
    try {
      await this.group.start(service);
    } catch {
      // It exited before it was ready, or hung and was killed: that exit schedules the next try.
      return;
    }
    this.readySince.set(service.name, Date.now());
    say(`${service.name} is ready again (pid ${this.group.pids().get(service.name)})`);
  }
}

/** The supervisor's own lines go with the services' (stdout), so the log reads in order. */
function say(line: string): void {
  console.log(line);
}
