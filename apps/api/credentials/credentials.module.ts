import { Module } from '@nestjs/common';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { CredentialActionsService } from './credential-actions.service';
import { MergeController } from './merge/merge.controller';
import { MergeService } from './merge/merge.service';
import { AuthModule } from '../auth/auth.module';

/**
 * One credential: its request, view, document (and signed links to it) and actions, and the merge of several
 * documents.
 */
@Module({
  imports: [AuthModule],
  controllers: [MergeController, CredentialsController],
  providers: [CredentialsService, CredentialActionsService, MergeService],
})
export class CredentialsModule {}
