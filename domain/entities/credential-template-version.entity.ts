import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { CredentialTemplate } from './credential-template.entity';

@Entity()
@Unique({ properties: ['template', 'version'] })
export class CredentialTemplateVersion extends BaseEntity {
  @ManyToOne(() => CredentialTemplate)
  template!: CredentialTemplate;

  @Property({ type: 'integer' })
  version!: number;

  /** A custom template's layout (data, never code); null for built-ins. */
  @Property({ type: 'json', nullable: true })
  layout?: Record<string, unknown> | null;
}
