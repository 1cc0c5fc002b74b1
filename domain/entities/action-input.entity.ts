import { Entity, Property } from '@mikro-orm/core';
import { BaseEntity } from './base';

/**
 * What a person said with an action, in words: a cancel reason, an address to email. Saved before the action is
 * asked of a credential's workflow, which is handed only this row's id: Temporal's histories keep no personal data
 * and no free text.
 */
@Entity()
export class ActionInput extends BaseEntity {
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Property({ type: 'string', length: 320, nullable: true })
  emailTo?: string | null;
}
