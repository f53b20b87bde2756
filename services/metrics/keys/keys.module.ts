import { Module } from '@nestjs/common';
import { parseEnv } from '../../../libs/config/env';
import { METRICS_ENV, metricsEnvSchema } from '../metrics-env';
import { AccountsHandler } from './accounts.handler';
import { KeyBuckets } from './key-buckets';
import { KeysService } from './keys.service';
import { UsageRepository } from './usage.repository';

/** Keys, their limits, BYOK credentials and usage: stored here, published to ingress over NATS KV. */
@Module({
  providers: [
    { provide: METRICS_ENV, useFactory: () => parseEnv(metricsEnvSchema) },
    KeyBuckets,
    UsageRepository,
    KeysService,
    AccountsHandler,
  ],
})
export class KeysModule {}
