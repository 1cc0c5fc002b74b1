import { Entity, Enum, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { Learner } from './learner.entity';
import { Qualification } from './qualification.entity';

export const qualificationEnrolmentStatuses = [
  'Not Yet Achieved',
  'Ready to be Requested',
  'Generating Credential',
  'Awaiting Issue',
  'Credential Issued',
  'Credential Failed to Generate',
  'Withdrawn',
] as const;
export type QualificationEnrolmentStatus = (typeof qualificationEnrolmentStatuses)[number];

@Entity()
export class QualificationEnrolment extends BaseEntity {
  @ManyToOne(() => Learner)
  learner!: Learner;

  @ManyToOne(() => Qualification)
  qualification!: Qualification;

  @Enum({ items: () => qualificationEnrolmentStatuses, default: 'Not Yet Achieved' })
  status: QualificationEnrolmentStatus & Opt = 'Not Yet Achieved';

  /** When the audit first found the requirements met: the 30-day issue clock starts here. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  requirementsMetAt?: Date | null;
}
