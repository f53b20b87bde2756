import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ensureLocalApiKey } from '../../../libs/auth/local-api-key';
import { INGRESS_ENV, type IngressEnv } from '../config';

const digest = (key: string) => createHash('sha256').update(key).digest();

/**
 * The accepted keys, held as SHA-256 digests. A key's id (the first 12 hex digits of its digest)
 * is what generation records carry, never the key.
 */
@Injectable()
export class ApiKeysService {
  private readonly digests: Buffer[];

  constructor(@Inject(INGRESS_ENV) env: IngressEnv) {
    const keys = env.SWITCHYARD_API_KEYS
      ? env.SWITCHYARD_API_KEYS.split(',')
          .map((k) => k.trim())
          .filter(Boolean)
      : [ensureLocalApiKey()];
    this.digests = keys.map(digest);
  }

  /** The key's id when it is accepted, else undefined. */
  authenticate(key: string): string | undefined {
    const candidate = digest(key);
    const match = this.digests.find((known) => timingSafeEqual(known, candidate));
    return match?.toString('hex').slice(0, 12);
  }
}
