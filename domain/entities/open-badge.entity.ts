import { Entity, OneToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { Credential } from './credential.entity';

/**
 * An issued credential's signed Open Badges 3.0 credential, made once when it is issued and kept as signed (the exact
 * JSON text). statusListIndex is its bit in the revocation status list.
 */
@Entity()
export class OpenBadge extends BaseEntity {
  @OneToOne(() => Credential, { owner: true, unique: true, deleteRule: 'restrict' })
  credential!: Credential;

  @Property({ type: 'integer' })
  @Unique()
  statusListIndex!: number;

  /** The DID URL of the key that signed it. */
  @Property({ type: 'string' })
  verificationMethod!: string;

  @Property({ type: 'text' })
  document!: string;
}
