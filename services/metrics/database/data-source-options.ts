import type { DataSourceOptions } from 'typeorm';
import { GenerationRecord } from '../generations/generation-record.entity';
import { ApiKeyRecord } from '../keys/api-key.entity';
import { ByokCredential } from '../keys/byok-credential.entity';
import { CreateGenerations1795581643651 } from '../migrations/1795581643651-create-generations';
import { AddGenerationPresetVariant1795600000000 } from '../migrations/1795600000000-add-generation-preset-variant';
import { CreateGenerationRollups1795600000001 } from '../migrations/1795600000001-create-generation-rollups';
import { CreateApiKeys1796000000000 } from '../migrations/1796000000000-create-api-keys';
import { AddGenerationUsageEstimated1796100000000 } from '../migrations/1796100000000-add-generation-usage-estimated';
import { AddGenerationGatewayOverhead1796200000000 } from '../migrations/1796200000000-add-generation-gateway-overhead';
import { AddAppAttribution1796300000000 } from '../migrations/1796300000000-add-app-attribution';
import { AddGenerationDroppedParameters1796300000001 } from '../migrations/1796300000001-add-generation-dropped-parameters';

/** The schema comes only from the migrations, listed here in order, never from entity synchronisation. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [GenerationRecord, ApiKeyRecord, ByokCredential],
    migrations: [
      CreateGenerations1795581643651,
      AddGenerationPresetVariant1795600000000,
      CreateGenerationRollups1795600000001,
      CreateApiKeys1796000000000,
      AddGenerationUsageEstimated1796100000000,
      AddGenerationGatewayOverhead1796200000000,
      AddAppAttribution1796300000000,
      AddGenerationDroppedParameters1796300000001,
    ],
    migrationsRun: true,
    synchronize: false,
    logging: ['schema', 'migration'],
  };
}
