import { Entity, Enum, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { roles, type Role } from '../access/roles';

/** An API key; only the SHA-256 of the secret is stored, so a database leak reveals no key. */
@Entity()
export class ApiKey extends BaseEntity {
  @Property({ type: 'string' })
  name!: string;

  @Enum({ items: () => roles })
  role!: Role;

  @Property({ type: 'string', length: 64 })
  @Unique()
  keyHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}
