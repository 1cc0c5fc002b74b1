import { Entity, Index, Property, Unique, type Opt } from '@mikro-orm/core';
import { BaseEntity } from './base';

/** "Given Middle Family", leaving out a missing middle name: as credentials print it. */
export function learnerFullName(name: { givenName: string; middleName?: string | null; familyName: string }): string {
  return [name.givenName, name.middleName, name.familyName].filter(Boolean).join(' ');
}

@Entity()
@Index({ properties: ['familyName', 'givenName'] })
export class Learner extends BaseEntity {
  @Property({ type: 'string' })
  givenName!: string;

  @Property({ type: 'string', nullable: true })
  middleName?: string | null;

  @Property({ type: 'string' })
  familyName!: string;

  /** YYYY-MM-DD; a calendar date, never shifted by time zones. */
  @Property({ type: 'date' })
  dateOfBirth!: string;

  @Property({ type: 'string' })
  email!: string;

  /** Unique Student Identifier: one learner each; never printed on a credential. */
  @Property({ type: 'string', nullable: true })
  @Unique()
  usi?: string | null;

  @Property({ type: 'boolean', default: false })
  usiVerified: boolean & Opt = false;

  /** Exempt from the USI requirement (e.g. an international offshore learner); recorded when a credential is issued. */
  @Property({ type: 'boolean', default: false })
  usiExempt: boolean & Opt = false;

  /** A dummy learner of practice data: removed with its practice course offer. */
  @Property({ type: 'boolean', default: false })
  practice: boolean & Opt = false;

  get fullName(): string & Opt {
    return learnerFullName(this);
  }
}
