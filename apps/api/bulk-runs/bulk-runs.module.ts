import { Module } from '@nestjs/common';
import { BulkRunsController } from './bulk-runs.controller';
import { BulkRunsService } from './bulk-runs.service';

/** Requests, audits and actions over many credentials. Exports BulkRunsService for templates' regeneration. */
@Module({
  controllers: [BulkRunsController],
  providers: [BulkRunsService],
  exports: [BulkRunsService],
})
export class BulkRunsModule {}
