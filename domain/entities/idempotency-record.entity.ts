import { Entity, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base';

/** The first answer to a POST sent with an Idempotency-Key, replayed for the same key and body within 24 hours. */
@Entity()
@Unique({ properties: ['scope', 'key'] })
export class IdempotencyRecord extends BaseEntity {
  /** Whose key it is: the API key's id (keys of different clients never collide). */
  @Property({ type: 'string' })
  scope!: string;

  @Property({ type: 'string' })
  key!: string;

  /** SHA-256 of method, path and body: the same key with another request is refused, not replayed. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  /** Null while the first request is still being answered. */
  @Property({ type: 'integer', nullable: true })
  status?: number | null;

  @Property({ type: 'json', nullable: true })
  response?: unknown;
}
