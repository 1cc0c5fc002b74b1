import { Entity, Enum, ManyToOne, Property, Unique, type Opt } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { CourseOffer } from './course-offer.entity';
import { Learner } from './learner.entity';

export const courseEnrolmentStatuses = ['Enrolled', 'Completed', 'Withdrawn'] as const;
export type CourseEnrolmentStatus = (typeof courseEnrolmentStatuses)[number];

/** A learner on a course offer, once: a second enrolment of the same learner would double their credentials. */
@Entity()
@Unique({ properties: ['courseOffer', 'learner'] })
export class CourseEnrolment extends BaseEntity {
  @ManyToOne(() => CourseOffer)
  courseOffer!: CourseOffer;

  @ManyToOne(() => Learner)
  learner!: Learner;

  @Enum({ items: () => courseEnrolmentStatuses, default: 'Enrolled' })
  status: CourseEnrolmentStatus & Opt = 'Enrolled';

  @Property({ type: 'date', nullable: true })
  completionDate?: string | null;
}
