import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import type { AppConfig } from '../config';
import { ormConfig } from '../../domain/orm-config';
import { APP_CONFIG } from './common/config.token';
import { ErrorsFilter } from './common/errors.filter';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeysController } from './auth/api-keys.controller';
import { ApiKeysService } from './auth/api-keys.service';
import { TemporalClient } from './temporal/temporal-client';
import { HealthController } from './health/health.controller';
import { OrganisationController } from './reference/organisation/organisation.controller';
import { OrganisationService } from './reference/organisation/organisation.service';
import { IssuingOfficersController } from './reference/issuing-officers/issuing-officers.controller';
import { IssuingOfficersService } from './reference/issuing-officers/issuing-officers.service';
import { LearnersController } from './reference/learners/learners.controller';
import { LearnersService } from './reference/learners/learners.service';
import { UnitsController } from './reference/units/units.controller';
import { UnitsService } from './reference/units/units.service';
import { CoursesController } from './reference/courses/courses.controller';
import { CourseOffersController } from './reference/courses/course-offers.controller';
import { CourseEnrolmentsController } from './reference/courses/course-enrolments.controller';
import { CoursesService } from './reference/courses/courses.service';
import { EnrolmentsService } from './reference/courses/enrolments.service';
import { CredentialsController } from './credentials/credentials.controller';
import { CredentialsService } from './credentials/credentials.service';
import { QualificationsController } from './qualifications/qualifications.controller';
import { QualificationEnrolmentsController } from './qualifications/qualification-enrolments.controller';
import { QualificationsService } from './qualifications/qualifications.service';
import { QualificationEnrolmentsService } from './qualifications/qualification-enrolments.service';
import { ResendWebhookController } from './webhooks/resend-webhook.controller';
import { ResendWebhookService } from './webhooks/resend-webhook.service';
import { CredentialActionsService } from './credentials/credential-actions.service';
import { CredentialWorkflows } from './credentials/credential-workflows';
import { BulkRunsController } from './bulk-runs/bulk-runs.controller';
import { BulkRunsService } from './bulk-runs/bulk-runs.service';
import { DataFixSignaller } from './data-fix/data-fix.signaller';
import { MetricsController } from './metrics/metrics.controller';
import { RegisterController } from './register/register.controller';
import { RegisterService } from './register/register.service';
import { MergeController } from './credentials/merge/merge.controller';
import { MergeService } from './credentials/merge/merge.service';
import { CredentialTemplatesController } from './templates/credential-templates.controller';
import { CredentialTemplatesService } from './templates/credential-templates.service';
import { VerifyController } from './verify/verify.controller';
import { VerifyService } from './verify/verify.service';
import { VerifyRateLimitGuard } from './verify/verify-rate-limit.guard';
import { OpenBadgesController } from './open-badges/open-badges.controller';
import { OpenBadgesService, SIGNING_KEY } from './open-badges/open-badges.service';
import { credentialSigningKey } from '../signing-key-file';

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
      ],
      controllers: [
        CredentialTemplatesController,
        VerifyController,
        QualificationsController,
        QualificationEnrolmentsController,
        ResendWebhookController,
        RegisterController,
        MergeController,
        BulkRunsController,
        MetricsController,
        HealthController,
        ApiKeysController,
        OrganisationController,
        IssuingOfficersController,
        LearnersController,
        UnitsController,
        CoursesController,
        CourseOffersController,
        CourseEnrolmentsController,
        CredentialsController,
        OpenBadgesController,
      ],
      providers: [
        CredentialTemplatesService,
        VerifyService,
        VerifyRateLimitGuard,
        QualificationsService,
        QualificationEnrolmentsService,
        ResendWebhookService,
        RegisterService,
        MergeService,
        BulkRunsService,
        DataFixSignaller,
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ErrorsFilter },
        TemporalClient,
        ApiKeysService,
        OrganisationService,
        IssuingOfficersService,
        LearnersService,
        UnitsService,
        CoursesService,
        EnrolmentsService,
        CredentialsService,
        CredentialActionsService,
        CredentialWorkflows,
        OpenBadgesService,
        { provide: SIGNING_KEY, useFactory: () => credentialSigningKey(config) },
      ],
    };
  }
}
