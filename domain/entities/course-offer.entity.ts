import { Check, Entity, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { Course } from './course.entity';

@Entity()
@Check({ name: 'course_offer_dates_check', expression: 'end_date >= start_date' })
export class CourseOffer extends BaseEntity {
  @ManyToOne(() => Course)
  course!: Course;

  @Property({ type: 'date' })
  startDate!: string;

  @Property({ type: 'date' })
  endDate!: string;

  @Property({ type: 'string', nullable: true })
  location?: string | null;

  /** Made to practise on (POST /practice/course-offers): its credentials never verify, and it may be removed. */
  @Property({ type: 'boolean', default: false })
  practice: boolean & Opt = false;
}
