import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { BulkRun } from './bulk-run.entity';

export const bulkItemStatuses = ['Pending', 'Succeeded', 'Failed'] as const;
export type BulkItemStatus = (typeof bulkItemStatuses)[number];

/** One target of a bulk run, in request order. Its outcome is written once: a retried step cannot count it twice. */
@Entity()
@Unique({ properties: ['bulkRun', 'seq'] })
@Index({ properties: ['bulkRun', 'status', 'seq'] })
export class BulkRunItem extends BaseEntity {
  @ManyToOne(() => BulkRun)
  bulkRun!: BulkRun;

  @Property({ type: 'integer' })
  seq!: number;

  /** A course/qualification enrolment (requests) or a credential (actions). */
  @Property({ type: 'uuid' })
  targetId!: string;

  /** The credential this item made or acted on; saved with the credential, so a retry finds it. */
  @Property({ type: 'uuid', nullable: true })
  credentialId?: string | null;

  @Enum({ items: () => bulkItemStatuses, default: 'Pending' })
  status: BulkItemStatus & Opt = 'Pending';

  @Property({ type: 'text', nullable: true })
  message?: string | null;
}
