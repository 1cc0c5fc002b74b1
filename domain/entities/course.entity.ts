import { Entity, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base';

@Entity()
export class Course extends BaseEntity {
  @Property({ type: 'string' })
  @Unique()
  code!: string;

  @Property({ type: 'string' })
  name!: string;
}
