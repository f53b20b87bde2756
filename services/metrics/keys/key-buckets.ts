import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { KV } from '@nats-io/kv';
import { openKeysBucket, openLedgerBucket, type KeyView, type LedgerEntry } from '../../../libs/accounts';
import { Bus } from '../../../libs/messaging';

/** How many times a revision-checked write of a key's books is retried against replicas writing too. */
const MAX_LEDGER_ATTEMPTS = 20;

/**
 * The NATS KV side of keys: the views every ingress replica admits by, and the books they share.
 * Postgres is the truth; these follow it, written by metrics only after Postgres took a change.
 */
@Injectable()
export class KeyBuckets implements OnModuleInit {
  private views!: KV;
  private ledger!: KV;

  constructor(private readonly bus: Bus) {}

  async onModuleInit(): Promise<void> {
    [this.views, this.ledger] = await Promise.all([
      openKeysBucket(this.bus.nc, this.bus.subjects),
      openLedgerBucket(this.bus.nc, this.bus.subjects),
    ]);
  }

  async publish(view: KeyView): Promise<void> {
    await this.views.put(view.hash, JSON.stringify(view));
  }

  /** A deleted key: no replica admits by it again, and its books go. */
  async remove(hash: string): Promise<void> {
    await Promise.all([this.views.purge(hash), this.ledger.purge(hash)]);
  }

  /** Hashes of every key with a view, to drop those Postgres no longer has. */
  async publishedHashes(): Promise<string[]> {
    const hashes: string[] = [];
    for await (const hash of await this.views.keys()) hashes.push(hash);
    return hashes;
  }

  /** Applies `change` to the key's books with a revision-checked write, retried when a replica wrote first. */
  async updateLedger(hash: string, change: (entry: LedgerEntry | null) => LedgerEntry): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.ledger.get(hash);
      const entry = stored?.operation === 'PUT' ? (stored.json<LedgerEntry>() ?? null) : null;
      try {
        await this.ledger.put(hash, JSON.stringify(change(entry)), { previousSeq: stored?.revision ?? 0 });
        return;
      } catch (error) {
        if (attempt >= MAX_LEDGER_ATTEMPTS) throw error;
      }
    }
  }
}
