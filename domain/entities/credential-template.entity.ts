import { Entity, Enum, Property, Unique, type Opt } from '@mikro-orm/core';
import { BaseEntity } from './base';

export const credentialTypes = ['Certificate', 'Transcript', 'Statement', 'Letter', 'Card', 'Other'] as const;
export type CredentialType = (typeof credentialTypes)[number];
export const templateAppliesTo = ['course', 'qualification', 'both'] as const;
export type TemplateAppliesTo = (typeof templateAppliesTo)[number];
export type TemplateKind = 'builtin' | 'custom';

/** A template's identity; its content lives in numbered versions so older credentials keep theirs. */
@Entity()
export class CredentialTemplate extends BaseEntity {
  /** Built-ins only: which React component renders them (e.g. "certificate-of-completion"). */
  @Property({ type: 'string', nullable: true })
  @Unique()
  builtinKey?: string | null;

  @Property({ type: 'string' })
  name!: string;

  @Enum({ items: () => credentialTypes })
  type!: CredentialType;

  @Enum({ items: () => templateAppliesTo })
  appliesTo!: TemplateAppliesTo;

  @Property({ type: 'integer', default: 1 })
  currentVersion: number & Opt = 1;

  get kind(): TemplateKind {
    return this.builtinKey ? 'builtin' : 'custom';
  }
}
