import { Entity, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base';

/**
 * Every public key the issuer has signed with. The DID document lists them all, so a credential signed before a key
 * rotation still verifies; retiredAt marks the keys that no longer sign. Only public keys are stored here.
 */
@Entity()
export class IssuerKey extends BaseEntity {
  @Property({ type: 'string' })
  @Unique()
  publicKeyMultibase!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  retiredAt?: Date | null;
}
