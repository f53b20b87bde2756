import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { parseEnv } from '../../libs/config/env';
import { CatalogModule } from '../../libs/catalog';
import { MessagingModule } from '../../libs/messaging';
import { ObservabilityModule } from '../../libs/observability';
import { dataSourceOptions } from './database/data-source-options';
import { ensureDatabase } from './database/ensure-database';
import { openDataSource } from './database/open-data-source';
import { GenerationsModule } from './generations/generations.module';
import { KeysModule } from './keys/keys.module';
import { metricsEnvSchema } from './metrics-env';
import { PresetsModule } from './presets/presets.module';

@Module({
  imports: [
    MessagingModule.forRoot('metrics'),
    ObservabilityModule.forService('metrics', { listen: true }),
    // BYOK credentials may only name providers of the catalog in force.
    CatalogModule,
    TypeOrmModule.forRootAsync({
      // Read at start rather than at import, so the environment can be set up to the last moment (tests do).
      useFactory: async () => {
        const { DATABASE_URL, SWITCHYARD_MIGRATE_AT_START } = parseEnv(metricsEnvSchema);
        if (SWITCHYARD_MIGRATE_AT_START) await ensureDatabase(DATABASE_URL);
        return { ...dataSourceOptions(DATABASE_URL), migrationsRun: SWITCHYARD_MIGRATE_AT_START };
      },
      dataSourceFactory: openDataSource,
    }),
    GenerationsModule,
    PresetsModule,
    KeysModule,
  ],
})
export class MetricsModule {}
