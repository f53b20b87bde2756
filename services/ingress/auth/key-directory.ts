import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { hashApiKey, keyLabel, openKeysBucket, type KeyView } from '../../../libs/accounts';
import { ensureLocalApiKey } from '../../../libs/auth/local-api-key';
import { errors } from '../../../libs/contracts';
import { Bus, whileJetStreamRecovers } from '../../../libs/messaging';
import { INGRESS_ENV, type IngressEnv } from '../config';
import type { Principal } from './principal';

/** A bootstrap key: no limit, no BYOK, the gateway's default rate limits. */
const bootstrapView = (hash: string): KeyView => ({
  hash,
  disabled: false,
  expiresAt: null,
  limit: null,
  limitReset: null,
  includeByokInLimit: false,
  rateLimit: { requests: null, tokens: null },
  byok: {},
});

/**
 * Every key this replica accepts, held in memory by hash: the managed keys as the key bucket holds
 * them (a watch applies each change within milliseconds, so a disabled or deleted key stops
 * working on every replica at once), the bootstrap keys and the admin key from the environment.
 * Authenticating a request never waits on the network, and keeps working while Postgres is down.
 */
@Injectable()
export class KeyDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Keys');
  private readonly managed = new Map<string, KeyView>();
  /** Hash → the key's view and its masked form (`label`, for GET /key). */
  private readonly bootstrap = new Map<string, { view: KeyView; label: string }>();
  private readonly adminHash: Buffer | null;
  private stopWatching?: () => void;

  constructor(
    private readonly bus: Bus,
    @Inject(INGRESS_ENV) env: IngressEnv,
  ) {
    const keys = env.SWITCHYARD_API_KEYS
      ? env.SWITCHYARD_API_KEYS.split(',')
          .map((k) => k.trim())
          .filter(Boolean)
      : [ensureLocalApiKey()];
    for (const key of keys) {
      const hash = hashApiKey(key);
      this.bootstrap.set(hash, { view: bootstrapView(hash), label: keyLabel(key) });
    }
    this.adminHash = env.SWITCHYARD_ADMIN_KEY
      ? Buffer.from(hashApiKey(env.SWITCHYARD_ADMIN_KEY), 'hex')
      : null;
  }

  /** Serves only once every stored key is known, so no valid key is refused right after a start. */
  async onModuleInit(): Promise<void> {
    const { updates, empty } = await whileJetStreamRecovers(async () => {
      const bucket = await openKeysBucket(this.bus.nc, this.bus.subjects);
      const watch = await bucket.watch();
      try {
        return { updates: watch, empty: (await bucket.status()).values === 0 };
      } catch (error) {
        watch.stop();
        throw error;
      }
    });
    this.stopWatching = () => updates.stop();
    let loaded!: () => void;
    const initialLoad = new Promise<void>((resolve) => (loaded = resolve));
    if (empty) loaded();
    void (async () => {
      for await (const entry of updates) {
        if (entry.operation === 'PUT') this.managed.set(entry.key, entry.json<KeyView>());
        else this.managed.delete(entry.key);
        // The watch marks the last of the stored values, and everything after, as updates.
        if (entry.isUpdate) loaded();
      }
    })();
    await initialLoad;
    this.logger.log(`${this.managed.size} managed key(s), ${this.bootstrap.size} bootstrap key(s)`);
  }

  onModuleDestroy(): void {
    this.stopWatching?.();
  }

  /** The masked form of a bootstrap key (managed keys have theirs stored with them). */
  labelOf(hash: string): string {
    return this.bootstrap.get(hash)?.label ?? '';
  }

  /** Whether the admin (management) key is configured at all. */
  get adminConfigured(): boolean {
    return this.adminHash !== null;
  }

  /** Who the presented key belongs to, or the 401 that says why it is refused. */
  authenticate(presented: string, now = Date.now()): Principal {
    const hash = hashApiKey(presented);
    if (this.adminHash && timingSafeEqual(this.adminHash, Buffer.from(hash, 'hex'))) return { kind: 'admin' };
    const bootstrap = this.bootstrap.get(hash);
    if (bootstrap) return { kind: 'key', view: bootstrap.view, managed: false };
    const view = this.managed.get(hash);
    if (!view) throw errors.unauthorized();
    if (view.disabled) throw errors.unauthorized('This API key is disabled.');
    if (view.expiresAt !== null && view.expiresAt <= now) {
      throw errors.unauthorized(`This API key expired at ${new Date(view.expiresAt).toISOString()}.`);
    }
    return { kind: 'key', view, managed: true };
  }
}
