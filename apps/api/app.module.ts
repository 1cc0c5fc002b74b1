import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import type { AppConfig } from '../config';
import { ormConfig } from '../../domain/orm-config';
import { AppConfigModule } from './common/app-config.module';
import { ErrorsFilter } from './common/errors.filter';
import { TemporalModule } from './temporal/temporal.module';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AuthModule } from './auth/auth.module';
import { TemplatesModule } from './templates/templates.module';
import { BulkRunsModule } from './bulk-runs/bulk-runs.module';
import { VerifyModule } from './verify/verify.module';
import { QualificationsModule } from './qualifications/qualifications.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { RegisterModule } from './register/register.module';
import { HealthModule } from './health/health.module';
import { ReferenceDataModule } from './reference/reference-data.module';
import { CredentialsModule } from './credentials/credentials.module';
import { OpenBadgesModule } from './open-badges/open-badges.module';
import { OverdueModule } from './overdue/overdue.module';
import { PracticeModule } from './practice/practice.module';

/**
 * The API: shared infrastructure (database, configuration, Temporal, the API-key guard and the error filter) and one
 * module per area. Nest maps routes, and Swagger lists paths, in the order of these imports: it follows the former
 * single list of controllers as far as the areas allow, so the OpenAPI document barely moves.
 */
@Module({})
export class AppModule {
  static register(config: AppConfig & { databaseUrl: string }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        MikroOrmModule.forRoot(
          ormConfig(config.databaseUrl, {
            // A fixed pool, opened at start (createApp): connections are there for a burst after a quiet spell.
            poolMin: config.apiDbConnections,
            poolMax: config.apiDbConnections,
            applicationName: 'credentials-api',
          }),
        ),
        AppConfigModule.forRoot(config),
        TemporalModule,
        TemplatesModule,
        BulkRunsModule,
        VerifyModule,
        QualificationsModule,
        WebhooksModule,
        RegisterModule,
        HealthModule,
        AuthModule,
        ReferenceDataModule,
        CredentialsModule,
        OpenBadgesModule,
        OverdueModule,
        PracticeModule,
      ],
      providers: [
        // Global, but declared here so that AppModule shows every request's path: AuthModule exports ApiKeysService.
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ErrorsFilter },
      ],
    };
  }
}
