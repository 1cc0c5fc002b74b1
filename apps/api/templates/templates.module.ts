import { Module } from '@nestjs/common';
import { BulkRunsModule } from '../bulk-runs/bulk-runs.module';
import { CredentialTemplatesController } from './credential-templates.controller';
import { CredentialTemplatesService } from './credential-templates.service';

/** Credential templates; regenerating a template's credentials starts a bulk run. */
@Module({
  imports: [BulkRunsModule],
  controllers: [CredentialTemplatesController],
  providers: [CredentialTemplatesService],
})
export class TemplatesModule {}
