import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { z } from 'zod';
import type { AccountsOperation } from '../../../libs/contracts';
import { Bus } from '../../../libs/messaging';
import { unlessDatabaseDown } from '../database/database-unreachable';
import { keyHashSchema, parseInput } from './key-input';
import { KeysService } from './keys.service';
import { UsageRepository } from './usage.repository';

/** What ingress sends for an accounts operation: the path's key hash, the body, the query. */
export interface AccountsRequest {
  hash?: string | null;
  provider?: string;
  body?: unknown;
  query?: Record<string, unknown>;
}

const activityQuerySchema = z.object({
  date: z.iso.date('must be a date, YYYY-MM-DD').optional(),
});

/** Serves the accounts subjects: the keys API, BYOK credentials, usage and activity. */
@Injectable()
export class AccountsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: Bus,
    private readonly keys: KeysService,
    private readonly usage: UsageRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.answer('keys.create', (r) => this.keys.create(r.body));
    this.answer('keys.list', (r) => this.keys.list(r.query));
    this.answer('keys.get', (r) => this.keys.get(r.hash));
    this.answer('keys.update', (r) => this.keys.update(r.hash, r.body));
    this.answer('keys.delete', (r) => this.keys.delete(r.hash));
    this.answer('byok.put', (r) => this.keys.putByok(r.hash, r.body));
    this.answer('byok.list', (r) => this.keys.listByok(r.hash));
    this.answer('byok.delete', (r) => this.keys.deleteByok(r.hash, r.provider));
    this.answer('usage', async (r) =>
      r.hash ? this.keys.usageOf(r.hash) : { total_usage: await this.usage.totalUsage() },
    );
    this.answer('activity', async (r) => {
      const { date } = parseInput(activityQuerySchema, r.query);
      const hash = r.hash ? parseInput(keyHashSchema, r.hash) : null;
      return { data: await this.usage.activity(hash, date ?? null) };
    });
  }

  /** Replies `{ ok: true, data: <the HTTP body> }`; a thrown GatewayError is answered as such by Bus.serve. */
  private answer(operation: AccountsOperation, handle: (request: AccountsRequest) => Promise<unknown>): void {
    this.bus.serve(this.bus.subjects.accounts(operation), 'metrics', async (request: AccountsRequest) => ({
      ok: true,
      data: await unlessDatabaseDown('Keys are', () => handle(request ?? {})),
    }));
  }
}
