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

  /** An API key's name (unique), or a name the system writes ("workflow", "data-fix", "ADMIN_API_KEY", ...). */
  @Property({ type: 'string' })
  actor!: string;

  /**
   * The acting API key's id when the actor is a key; null for the system's own names. A database trigger fills it in
   * from the name when the event is written (see Migration20261201120000), so every writer records it.
   */
  @Property({ type: 'uuid', nullable: true })
  actorKeyId?: string | null;

  @Property({ type: 'json', nullable: true })
  detail?: Record<string, unknown> | null;
}
