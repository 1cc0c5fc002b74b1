import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { Credential } from './credential.entity';
import type { CredentialSnapshot } from '../credentials/snapshot';

/** Every document ever rendered for a credential, kept for good with its SHA-256 and the data it was rendered from. */
@Entity()
@Unique({ properties: ['credential', 'version'] })
export class DocumentVersion extends BaseEntity {
  @ManyToOne(() => Credential)
  credential!: Credential;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'blob', lazy: true })
  pdf!: Buffer;

  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'integer' })
  bytes!: number;

  @Property({ type: 'integer' })
  templateVersion!: number;

  @Property({ type: 'json' })
  snapshot!: CredentialSnapshot;
}
