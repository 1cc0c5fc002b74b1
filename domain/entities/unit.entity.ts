import { Entity, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base';

/** A unit of competency, identified by its national code (e.g. BSBWHS411). */
@Entity()
export class Unit extends BaseEntity {
  @Property({ type: 'string' })
  @Unique()
  code!: string;

  @Property({ type: 'string' })
  title!: string;
}
