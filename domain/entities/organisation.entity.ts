import { Entity, Property, Unique, type Opt } from '@mikro-orm/core';
import { BaseEntity } from './base';

/** The one training organisation this installation certifies for. `singleton` makes a second row impossible. */
@Entity()
export class Organisation extends BaseEntity {
  @Property({ type: 'boolean', default: true })
  @Unique()
  singleton: boolean & Opt = true;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'string' })
  rtoCode!: string;

  @Property({ type: 'blob', nullable: true, lazy: true })
  logoPng?: Buffer | null;

  /**
   * The Nationally Recognised Training logo, a registered trade mark each RTO obtains itself: uploaded as PNG, or as
   * SVG rendered to PNG at upload. Testamurs and statements of attainment draw it (templates/parts/nrt-logo.tsx).
   */
  @Property({ type: 'blob', nullable: true, lazy: true })
  nrtLogoPng?: Buffer | null;
}
