import { BadRequestException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json, type NextFunction, type Request, type Response } from 'express';
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

/** Builds the configured API application (used by main.ts and by the tests). */
export async function createApp(config: AppConfig & { databaseUrl: string }): Promise<NestExpressApplication> {
  const logger = createLogger(config.logLevel, 'api');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    logger: new NestPinoLogger(logger),
    bodyParser: false,
  });
  app.use(logAndCountRequests(logger, httpMetrics));
  // Base64 logos and signatures (2 MB each) arrive as JSON. A body that is not JSON gets a 400 that says so.
  // Webhook signatures cover the exact bytes received, so those routes also keep the raw body.
  app.use(
    json({
      limit: '8mb',
      verify: (req: { url?: string; rawBody?: Buffer }, _res, buffer) => {
        if (req.url?.startsWith('/webhooks/')) req.rawBody = buffer;
      },
    }),
  );
  app.use((err: { type?: string; message?: string }, _req: Request, _res: Response, next: NextFunction) => {
    next(
      err?.type === 'entity.parse.failed'
        ? new BadRequestException(`The request body is not valid JSON: ${err.message}`)
        : err,
    );
  });
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
