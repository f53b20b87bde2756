import { Injectable } from '@nestjs/common';

/** The attempts this process is serving, so that a cancel message can abort the right upstream call. */
@Injectable()
export class Cancellations {
  private readonly inFlight = new Map<string, AbortController>();

  register(generationId: string, attempt: number): AbortController {
    const controller = new AbortController();
    this.inFlight.set(key(generationId, attempt), controller);
    return controller;
  }

  release(generationId: string, attempt: number): void {
    this.inFlight.delete(key(generationId, attempt));
  }

  /** Aborts one attempt, or every attempt of the generation when `attempt` is not given. */
  cancel(generationId: string, attempt?: number): void {
    if (attempt !== undefined) {
      this.inFlight.get(key(generationId, attempt))?.abort(new Error('cancelled by the client'));
      return;
    }
    for (const [k, controller] of this.inFlight) {
      if (k.startsWith(`${generationId}#`)) controller.abort(new Error('cancelled by the client'));
    }
  }

  get size(): number {
    return this.inFlight.size;
  }
}

const key = (generationId: string, attempt: number) => `${generationId}#${attempt}`;
