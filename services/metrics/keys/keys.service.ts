import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CredentialCipher, generateApiKey, hashApiKey, keyLabel, NO_USAGE } from '../../../libs/accounts';
import { CatalogStore } from '../../../libs/catalog';
import { errors } from '../../../libs/contracts';
import { whileJetStreamRecovers } from '../../../libs/messaging';
import { METRICS_ENV, type MetricsEnv } from '../metrics-env';
import { ApiKeyRecord } from './api-key.entity';
import { ByokCredential } from './byok-credential.entity';
import { KeyBuckets } from './key-buckets';
import {
  keyHashSchema,
  listKeysSchema,
  parseInput,
  putByokSchema,
  updateKeySchema,
  createKeySchema,
} from './key-input';
import { spentInPeriod } from './key-usage';
import { reseedLedger, type LimitTerms } from './reseed-ledger';
import { toKeyView } from './to-key-view';
import { roundUsd, toOpenRouterKey, type OpenRouterKey } from './to-openrouter-key';
import { UsageRepository } from './usage.repository';

/** OpenRouter lists keys 100 at a time. */
const PAGE_SIZE = 100;

/**
 * Keys and their BYOK credentials: Postgres holds them, and every change is published to the key
 * views (and the books, when the limit's terms change) before it is committed, so that what ingress
 * admits by never runs ahead of what is stored. At start, the views are rebuilt from Postgres.
 */
@Injectable()
export class KeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Keys');
  private readonly cipher: CredentialCipher | null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly usage: UsageRepository,
    private readonly buckets: KeyBuckets,
    private readonly catalogs: CatalogStore,
    @Inject(METRICS_ENV) env: MetricsEnv,
  ) {
    this.cipher = env.SWITCHYARD_ENCRYPTION_KEY
      ? CredentialCipher.fromSecret(env.SWITCHYARD_ENCRYPTION_KEY)
      : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    await whileJetStreamRecovers(() => this.republishAll());
  }

  async create(body: unknown): Promise<{ data: OpenRouterKey; key: string }> {
    const input = parseInput(createKeySchema, body);
    if (input.expires_at && Date.parse(input.expires_at) <= Date.now()) {
      throw errors.badRequest('Invalid request: expires_at: must be in the future');
    }
    const key = generateApiKey();
    const record = await this.db.transaction(async (manager) => {
      const created = await manager.save(
        manager.create(ApiKeyRecord, {
          hash: hashApiKey(key),
          name: input.name,
          label: keyLabel(key),
          disabled: false,
          limit: input.limit ?? null,
          limitReset: input.limit_reset ?? null,
          includeByokInLimit: input.include_byok_in_limit ?? false,
          rateLimitRequests: input.rate_limit?.requests ?? null,
          rateLimitTokens: input.rate_limit?.tokens ?? null,
          expiresAt: input.expires_at ? new Date(input.expires_at) : null,
          createdAt: new Date(),
          updatedAt: null,
        }),
      );
      await this.buckets.publish(toKeyView(created, []));
      return created;
    });
    this.logger.log(`key ${record.hash.slice(0, 12)}… created (${record.name})`);
    return { data: toOpenRouterKey(record, NO_USAGE), key };
  }

  async list(query: unknown): Promise<{ data: OpenRouterKey[] }> {
    const { offset = 0, include_disabled } = parseInput(listKeysSchema, query);
    const records = await this.db.getRepository(ApiKeyRecord).find({
      where: include_disabled === 'true' ? {} : { disabled: false },
      order: { createdAt: 'DESC', hash: 'ASC' },
      skip: offset,
      take: PAGE_SIZE,
    });
    const usage = await this.usage.usageOf(records.map((r) => r.hash));
    return { data: records.map((record) => toOpenRouterKey(record, usage.get(record.hash)!)) };
  }

  async get(hash: unknown): Promise<{ data: OpenRouterKey }> {
    const record = await this.find(this.db.manager, hash);
    return { data: await this.withUsage(record) };
  }

  async update(hash: unknown, body: unknown): Promise<{ data: OpenRouterKey }> {
    const patch = parseInput(updateKeySchema, body);
    const record = await this.db.transaction(async (manager) => {
      const found = await this.find(manager, hash, true);
      const previous: LimitTerms = {
        limitReset: found.limitReset,
        includeByokInLimit: found.includeByokInLimit,
      };
      const wasUnlimited = found.limit === null;
      Object.assign(found, {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.disabled !== undefined && { disabled: patch.disabled }),
        ...(patch.limit !== undefined && { limit: patch.limit }),
        ...(patch.limit_reset !== undefined && { limitReset: patch.limit_reset }),
        ...(patch.include_byok_in_limit !== undefined && { includeByokInLimit: patch.include_byok_in_limit }),
        ...(patch.rate_limit !== undefined && {
          rateLimitRequests: patch.rate_limit?.requests ?? null,
          rateLimitTokens: patch.rate_limit?.tokens ?? null,
        }),
        updatedAt: new Date(),
      });
      const saved = await manager.save(found);
      const terms: LimitTerms = {
        limitReset: saved.limitReset,
        includeByokInLimit: saved.includeByokInLimit,
      };
      const termsChanged =
        terms.limitReset !== previous.limitReset || terms.includeByokInLimit !== previous.includeByokInLimit;
      // The books follow the new terms before any replica admits by them.
      if (saved.limit !== null && (termsChanged || wasUnlimited))
        await this.reseed(saved.hash, terms, previous);
      await this.buckets.publish(toKeyView(saved, await this.credentials(manager, saved.hash)));
      return saved;
    });
    return { data: await this.withUsage(record) };
  }

  async delete(hash: unknown): Promise<{ deleted: true }> {
    await this.db.transaction(async (manager) => {
      const record = await this.find(manager, hash, true);
      const { hash: removed } = record;
      // TypeORM clears the entity's id once it is removed.
      await manager.remove(record);
      await this.buckets.remove(removed);
    });
    return { deleted: true };
  }

  async putByok(hash: unknown, body: unknown) {
    const input = parseInput(putByokSchema, body);
    const cipher = this.cipher;
    if (!cipher) {
      throw errors.noProvider(
        'BYOK is off: set SWITCHYARD_ENCRYPTION_KEY (32 bytes, hex) on metrics and the workers.',
      );
    }
    if (!this.catalogs.current.provider(input.provider)) {
      throw errors.badRequest(
        `Invalid request: provider: "${input.provider}" is not a provider of the catalog`,
      );
    }
    const credential = await this.db.transaction(async (manager) => {
      const record = await this.find(manager, hash, true);
      const id = { keyHash: record.hash, providerId: input.provider };
      const existing = await manager.findOneBy(ByokCredential, id);
      const saved = await manager.save(
        manager.create(ByokCredential, {
          ...id,
          sealed: cipher.seal(input.api_key, id),
          label: credentialLabel(input.api_key),
          alwaysUse: input.always_use ?? true,
          createdAt: existing?.createdAt ?? new Date(),
          updatedAt: existing ? new Date() : null,
        }),
      );
      await this.buckets.publish(toKeyView(record, await this.credentials(manager, record.hash)));
      return saved;
    });
    return { data: toOpenRouterByok(credential) };
  }

  async listByok(hash: unknown) {
    const record = await this.find(this.db.manager, hash);
    return { data: (await this.credentials(this.db.manager, record.hash)).map(toOpenRouterByok) };
  }

  async deleteByok(hash: unknown, provider: unknown): Promise<{ deleted: true }> {
    await this.db.transaction(async (manager) => {
      const record = await this.find(manager, hash, true);
      const removed = await manager.delete(ByokCredential, {
        keyHash: record.hash,
        providerId: String(provider),
      });
      if (!removed.affected)
        throw errors.notFound(`This key has no BYOK credential for "${String(provider)}".`);
      await this.buckets.publish(toKeyView(record, await this.credentials(manager, record.hash)));
    });
    return { deleted: true };
  }

  /** The stored key (null for a key not managed here: a bootstrap key) and its usage, for GET /key and /credits. */
  async usageOf(hash: unknown) {
    const valid = parseInput(keyHashSchema, hash);
    const [record, usage] = await Promise.all([
      this.db.getRepository(ApiKeyRecord).findOneBy({ hash: valid }),
      this.usage.usageOf([valid]),
    ]);
    const figures = usage.get(valid)!;
    return {
      key: record ? toOpenRouterKey(record, figures) : null,
      usage: figures,
      spent: roundUsd(record ? spentInPeriod(figures, record) : figures.usage),
    };
  }

  /** Every key's view from Postgres, the views of deleted keys dropped, the books of capped keys checked. */
  private async republishAll(): Promise<void> {
    const records = await this.db.getRepository(ApiKeyRecord).find();
    const credentials = await this.db.getRepository(ByokCredential).find();
    const known = new Set(records.map((r) => r.hash));
    for (const record of records) {
      const own = credentials.filter((c) => c.keyHash === record.hash);
      await this.buckets.publish(toKeyView(record, own));
      const terms: LimitTerms = {
        limitReset: record.limitReset,
        includeByokInLimit: record.includeByokInLimit,
      };
      if (record.limit !== null) await this.reseed(record.hash, terms, terms);
    }
    for (const hash of await this.buckets.publishedHashes())
      if (!known.has(hash)) await this.buckets.remove(hash);
    this.logger.log(`${records.length} key(s) published`);
  }

  private async reseed(hash: string, terms: LimitTerms, previous: LimitTerms): Promise<void> {
    const usage = (await this.usage.usageOf([hash])).get(hash)!;
    await this.buckets.updateLedger(hash, (entry) => reseedLedger(entry, usage, terms, previous, Date.now()));
  }

  private async withUsage(record: ApiKeyRecord): Promise<OpenRouterKey> {
    const usage = await this.usage.usageOf([record.hash]);
    return toOpenRouterKey(record, usage.get(record.hash)!);
  }

  /** The key, or a 404; `lock`: held until the transaction ends, so two changes of one key queue up. */
  private async find(manager: EntityManager, hash: unknown, lock = false): Promise<ApiKeyRecord> {
    const valid = parseInput(keyHashSchema, hash);
    const record = await manager.getRepository(ApiKeyRecord).findOne({
      where: { hash: valid },
      ...(lock && { lock: { mode: 'pessimistic_write' as const } }),
    });
    if (!record) throw errors.notFound(`No key with hash ${valid}.`);
    return record;
  }

  private credentials(manager: EntityManager, hash: string): Promise<ByokCredential[]> {
    return manager
      .getRepository(ByokCredential)
      .find({ where: { keyHash: hash }, order: { providerId: 'ASC' } });
  }
}

/** Enough of a provider key to recognise it (`sk-...AbCd`), as OpenRouter shows BYOK keys; a short one shows nothing. */
function credentialLabel(secret: string): string {
  const prefix = secret.includes('-') ? secret.slice(0, secret.indexOf('-') + 1) : '';
  return secret.length >= 16 ? `${prefix}...${secret.slice(-4)}` : `${prefix}...`;
}

function toOpenRouterByok(credential: ByokCredential) {
  return {
    provider: credential.providerId,
    label: credential.label,
    always_use: credential.alwaysUse,
    created_at: credential.createdAt.toISOString(),
    updated_at: credential.updatedAt?.toISOString() ?? null,
  };
}
