import { Global, Module } from '@nestjs/common';
import { TemporalClient } from './temporal-client';
import { WorkflowLinks } from './workflow-links';

/**
 * The one Temporal connection of the API, shared like the database's (global): one client, closed at shutdown; and
 * the links into the Temporal UI that answers give with workflow ids.
 */
@Global()
@Module({
  providers: [TemporalClient, WorkflowLinks],
  exports: [TemporalClient, WorkflowLinks],
})
export class TemporalModule {}
