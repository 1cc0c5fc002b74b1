import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { bulkRunStatuses, type BulkRunStatus } from '../../../domain/entities/bulk-run.entity';
import type { BulkRun, BulkRunItem } from '../../../domain/entities';
import { PageQuery } from '../common/pagination';
import type { WorkflowLink } from '../temporal/workflow-links';

export class BulkRunQuery extends PageQuery {
  @ApiPropertyOptional({ enum: bulkRunStatuses })
  @IsOptional()
  @IsIn(bulkRunStatuses, { message: `status must be one of ${bulkRunStatuses.join(', ')}` })
  status?: BulkRunStatus;
}

export class BulkRunSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'request', description: 'request, audit, regenerate, issue, email, print or cancel' })
  action!: string;
  @ApiProperty({ enum: bulkRunStatuses }) status!: BulkRunStatus;
  @ApiProperty() total!: number;
  @ApiProperty() succeeded!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() pending!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ example: 'bulk-5b0e...' }) workflowId!: string;
  @ApiProperty({ description: 'The run in the Temporal UI (TEMPORAL_UI_URL)' }) workflowUrl!: string;
}

class BulkRunFailure {
  @ApiProperty({ format: 'uuid' }) targetId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) credentialId!: string | null;
  @ApiProperty() message!: string;
}

export class BulkRunResponse extends BulkRunSummary {
  @ApiProperty({ type: [BulkRunFailure], description: 'The failed items, in request order (at most 1,000)' })
  failures!: BulkRunFailure[];
}

export function toBulkRunSummary(run: BulkRun, link: WorkflowLink): BulkRunSummary {
  return {
    id: run.id,
    action: run.action,
    status: run.status,
    total: run.total,
    succeeded: run.succeeded,
    failed: run.failed,
    pending: run.total - run.succeeded - run.failed,
    startedAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    ...link,
  };
}

export function toBulkRunResponse(run: BulkRun, failures: BulkRunItem[], link: WorkflowLink): BulkRunResponse {
  return {
    ...toBulkRunSummary(run, link),
    failures: failures.map((item) => ({
      targetId: item.targetId,
      credentialId: item.credentialId ?? null,
      message: item.message ?? '',
    })),
  };
}
