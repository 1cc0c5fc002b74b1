import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { QualificationEnrolment } from './qualification-enrolment.entity';
import { Unit } from './unit.entity';

/** One outcome per unit per qualification enrolment (AVETMISS outcome identifier such as "20"). */
@Entity()
@Unique({ properties: ['qualificationEnrolment', 'unit'] })
export class UnitResult extends BaseEntity {
  @ManyToOne(() => QualificationEnrolment)
  qualificationEnrolment!: QualificationEnrolment;

  @ManyToOne(() => Unit)
  unit!: Unit;

  @Property({ type: 'string', length: 2 })
  outcome!: string;

  @Property({ type: 'date' })
  date!: string;
}
