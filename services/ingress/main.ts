import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseEnv } from '../../libs/config/env';
import { serviceLogger, startService } from '../../libs/runtime/start-service';
import { acceptJsonBodiesOnly } from './body/json-body-parser';
import { ingressEnvSchema } from './config';
import { IngressModule } from './ingress.module';

async function main(): Promise<void> {
  const env = parseEnv(ingressEnvSchema);
  const adapter = new FastifyAdapter({ bodyLimit: env.SWITCHYARD_MAX_BODY_BYTES, keepAliveTimeout: 65_000 });
  acceptJsonBodiesOnly(adapter.getInstance());
  const app = await startService('ingress', () =>
    NestFactory.create<NestFastifyApplication>(IngressModule, adapter, {
      logger: serviceLogger(),
      abortOnError: false,
      // Bodies are read by acceptJsonBodiesOnly alone.
      bodyParser: false,
    }),
  );
  try {
    await app!.listen(env.PORT, env.HOST);
  } catch (error) {
    console.error(`ingress cannot listen on ${env.HOST}:${env.PORT}: ${(error as Error).message}`);
    process.exit(1);
  }
  console.log(`ingress listening on http://${env.HOST}:${env.PORT}/api/v1`);
}

void main();
