import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../config';
import { openConnections } from '../../domain/connection-pool';
import { createLogger } from '../logger';
import { AppModule } from './app.module';
import { httpMetrics } from './metrics/http-metrics';
import { logAndCountRequests } from './logging/access-log';
import { NestPinoLogger } from './logging/nest-logger';
import { createValidationPipe } from './common/validation';
import { parseJsonBodies } from './common/body';
import { serveConsole } from './console/serve-console';

/** Builds the configured API application (used by main.ts and by the tests). */
export async function createApp(config: AppConfig & { databaseUrl: string }): Promise<NestExpressApplication> {
  const logger = createLogger(config.logLevel, 'api');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    logger: new NestPinoLogger(logger),
    bodyParser: false,
  });
  app.use(logAndCountRequests(logger, httpMetrics));
  // Behind a load balancer, req.ip (the verify rate limit's client) is the forwarded client, as TRUST_PROXY says.
  if (config.trustProxy !== false) app.set('trust proxy', config.trustProxy);
  app.use('/console', serveConsole());
  app.use(...parseJsonBodies());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Credentials engine')
      .setDescription('Audit learners, generate, issue and email credentials. See API.md for the contract.')
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await openConnections(app.get(EntityManager), config.apiDbConnections);
  return app;
}
