import { Entity, Property } from '@mikro-orm/core';
import { BaseEntity } from './base';

@Entity()
export class IssuingOfficer extends BaseEntity {
  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string' })
  position!: string;

  @Property({ type: 'blob', nullable: true, lazy: true })
  signaturePng?: Buffer | null;
}
