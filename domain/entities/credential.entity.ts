import { Check, Entity, Enum, Index, ManyToOne, OneToOne, Property, Unique, type Opt } from '@mikro-orm/core';
import { BaseEntity } from './base';
import { CourseEnrolment } from './course-enrolment.entity';
import { CredentialTemplate, credentialTypes, type CredentialType } from './credential-template.entity';
import { IssuingOfficer } from './issuing-officer.entity';
import { Learner } from './learner.entity';
import { QualificationEnrolment } from './qualification-enrolment.entity';
import {
  assertTransition,
  credentialStatuses,
  emailStatuses,
  type CredentialStatus,
  type EmailStatus,
} from '../credentials/lifecycle';

/** A credential on the register. Never hard-deleted: deletion before issue only sets deletedAt. */
@Entity()
@Check({
  name: 'credential_one_source_check',
  expression: '(course_enrolment_id is null) <> (qualification_enrolment_id is null)',
})
@Index({ properties: ['credentialDate'] })
// An enrolment's credential of a template (course requests); also the enrolment's index (Migration20261206120000).
@Index({ properties: ['courseEnrolment', 'template'] })
@Index({ properties: ['status'] })
export class Credential extends BaseEntity {
  @Property({ type: 'string' })
  @Unique()
  number!: string;

  /** Unguessable code behind the public verification URL. */
  @Property({ type: 'string' })
  @Unique()
  verificationCode!: string;

  @Enum({ items: () => credentialStatuses, default: 'Requested' })
  status: CredentialStatus & Opt = 'Requested';

  @Enum({ items: () => credentialTypes })
  type!: CredentialType;

  @ManyToOne(() => CredentialTemplate, { index: true })
  template!: CredentialTemplate;

  /** The template version the current document was (or will be) rendered with. */
  @Property({ type: 'integer' })
  templateVersion!: number;

  @ManyToOne(() => Learner, { index: true })
  learner!: Learner;

  @ManyToOne(() => CourseEnrolment, { nullable: true, deleteRule: 'restrict' })
  courseEnrolment?: CourseEnrolment | null;

  @ManyToOne(() => QualificationEnrolment, { nullable: true, deleteRule: 'restrict', index: true })
  qualificationEnrolment?: QualificationEnrolment | null;

  @Property({ type: 'date' })
  credentialDate!: string;

  @ManyToOne(() => IssuingOfficer, { nullable: true, deleteRule: 'restrict' })
  issuingOfficer?: IssuingOfficer | null;

  @Property({ type: 'text', nullable: true })
  statusReason?: string | null;

  /** Version number of the newest document; null until the first render is stored. */
  @Property({ type: 'integer', nullable: true })
  documentVersion?: number | null;

  @Property({ type: 'text', nullable: true })
  generationError?: string | null;

  /**
   * What the current document lacked as AQF certification documentation when it was rendered (no NRT logo, no
   * signature, ...): domain/compliance/aqf-documents.ts. Null when nothing was missing. Issuing stays possible.
   */
  @Property({ type: 'json', nullable: true })
  complianceWarnings?: Array<{ code: string; message: string }> | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  issuedAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  printedAt?: Date | null;

  @Enum({ items: () => emailStatuses, default: 'NotSent' })
  emailStatus: EmailStatus & Opt = 'NotSent';

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  emailedAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  cancelledAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deletedAt?: Date | null;

  @OneToOne(() => Credential, { nullable: true, owner: true, unique: true, deleteRule: 'restrict' })
  replaces?: Credential | null;

  @OneToOne(() => Credential, (c) => c.replaces, { nullable: true })
  replacedBy?: Credential | null;

  /** Moves along the lifecycle or throws InvalidTransitionError naming both states. */
  moveTo(status: CredentialStatus): void {
    assertTransition(this.status, status);
    this.status = status;
  }
}
