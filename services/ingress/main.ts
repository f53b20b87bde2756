import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseEnv } from '../../libs/config/env';
import { serviceLogger, startService } from '../../libs/runtime/start-service';
import { ingressEnvSchema } from './config';
import { IngressModule } from './ingress.module';

async function main(): Promise<void> {
  const env = parseEnv(ingressEnvSchema);
  const adapter = new FastifyAdapter({ bodyLimit: env.SWITCHYARD_MAX_BODY_BYTES, keepAliveTimeout: 65_000 });
  // Clients that post JSON without saying so (curl -d) are still understood.
  adapter.getInstance().addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  const app = await startService('ingress', () =>
    NestFactory.create<NestFastifyApplication>(IngressModule, adapter, {
      logger: serviceLogger(),
      abortOnError: false,
      // Fastify's own JSON parser and the catch-all above; no form parsing.
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
