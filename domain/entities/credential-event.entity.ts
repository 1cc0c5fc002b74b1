import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { Credential } from './credential.entity';

/** One line of a credential's history: what happened, when, who did it. Append-only. */
@Entity()
@Index({ properties: ['credential', 'createdAt'] })
export class CredentialEvent extends BaseEntity {
  @ManyToOne(() => Credential)
  credential!: Credential;

  @Property({ type: 'string' })
  event!: string;

  /** An API key's name, "system" or "workflow". */
  @Property({ type: 'string' })
  actor!: string;

  @Property({ type: 'json', nullable: true })
  detail?: Record<string, unknown> | null;
}
