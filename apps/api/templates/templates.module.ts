import { Module } from '@nestjs/common';
import { BulkRunsModule } from '../bulk-runs/bulk-runs.module';
import { CredentialTemplatesController } from './credential-templates.controller';
import { CredentialTemplatesService } from './credential-templates.service';
import { TemplatePreviewService } from './template-preview.service';
import { PreviewRenderer } from './preview-renderer';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../common/config.token';

/** Credential templates; regenerating a template's credentials starts a bulk run. */
@Module({
  imports: [BulkRunsModule],
  controllers: [CredentialTemplatesController],
  providers: [
    CredentialTemplatesService,
    TemplatePreviewService,
    { provide: PreviewRenderer, useFactory: (config: AppConfig) => new PreviewRenderer(config), inject: [APP_CONFIG] },
  ],
})
export class TemplatesModule {}
