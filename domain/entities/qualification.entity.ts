import { Entity, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base';

export interface ElectiveGroup {
  name: string;
  units: string[];
  min: number;
  max: number | null;
}

/** Packaging rules as training.gov.au states them (see API.md, `packagingRules`). */
export interface PackagingRules {
  totalUnits: number;
  core: string[];
  electives: { count: number; groups: ElectiveGroup[]; listed: string[]; importedMax: number };
}

@Entity()
export class Qualification extends BaseEntity {
  @Property({ type: 'string' })
  @Unique()
  code!: string;

  @Property({ type: 'string' })
  title!: string;

  @Property({ type: 'json' })
  packagingRules!: PackagingRules;
}
