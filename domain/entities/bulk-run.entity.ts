import { Entity, Enum, Property, type Opt } from '@mikro-orm/core';
import type { CredentialRequest } from '../credentials/request-course-credential';
import { BaseEntity } from './base';

export const bulkRunStatuses = ['Running', 'Completed'] as const;
export type BulkRunStatus = (typeof bulkRunStatuses)[number];

/** What a bulk run was asked to do, kept with it so it can be resumed or audited. */
export interface BulkRunParams extends Partial<CredentialRequest> {
  actor: string;
  reason?: string;
  /** For cancels: the ActionInput holding the reason, which the credentials' workflows are handed by id. */
  inputId?: string;
  /** For requests: which kind of enrolment the targets are (course by default). */
  source?: 'course' | 'qualification';
  /** For a course offer's request: the offer (its workflow's CourseOfferId search attribute). */
  courseOfferId?: string;
}

export interface BulkRunFailure {
  targetId: string;
  message: string;
}

@Entity()
export class BulkRun extends BaseEntity {
  @Property({ type: 'string' })
  action!: string;

  @Enum({ items: () => bulkRunStatuses, default: 'Running' })
  status: BulkRunStatus & Opt = 'Running';

  @Property({ type: 'integer', default: 0 })
  total: number & Opt = 0;

  @Property({ type: 'integer', default: 0 })
  succeeded: number & Opt = 0;

  @Property({ type: 'integer', default: 0 })
  failed: number & Opt = 0;

  @Property({ type: 'json', default: '[]' })
  failures: BulkRunFailure[] & Opt = [];

  /** What the run was asked to do (template, date, ids...), so it can be resumed or audited. */
  @Property({ type: 'json' })
  params!: Record<string, unknown>;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  finishedAt?: Date | null;
}
