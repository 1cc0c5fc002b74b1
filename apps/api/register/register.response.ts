import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { emailStatuses, type EmailStatus } from '../../../domain/credentials/lifecycle';
import { credentialHead, learnerFullName, type CredentialRowBase } from '../credentials/credential.response';
import { CredentialHead } from '../credentials/credential.schema';

/** One row of the register's page query (register.sql.ts), snake_case as PostgreSQL returns it. */
export interface RegisterRow extends CredentialRowBase {
  course_offer_id: string | null;
  qualification_id: string | null;
  document_version: number | null;
  issued_at: string | null;
  printed_at: string | null;
  deleted_at: string | null;
  due_by: string | null;
  overdue: boolean;
  compliance_warnings: string[];
  officer_id: string | null;
  officer_name: string | null;
  practice: boolean;
}

class RegisterLearnerRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Ada Augusta Lovelace' }) fullName!: string;
}

class RegisterOfficerRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Pat Signer' }) name!: string;
}

class RegisterSource {
  @ApiProperty({ enum: ['course', 'qualification'] }) kind!: 'course' | 'qualification';
  @ApiProperty({ format: 'uuid', description: 'The course or qualification enrolment' }) enrolmentId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Course credentials' }) courseOfferId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Qualification credentials' }) qualificationId?: string;
}

export class RegisterItem extends CredentialHead {
  @ApiProperty({ type: RegisterLearnerRef }) learner!: RegisterLearnerRef;
  @ApiProperty({ type: RegisterSource }) source!: RegisterSource;
  @ApiProperty({ description: 'From a practice course offer: never verifies publicly' }) practice!: boolean;
  @ApiProperty({ type: RegisterOfficerRef, nullable: true }) issuingOfficer!: RegisterOfficerRef | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The current document version; null before the first render',
  })
  documentVersion!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) issuedAt!: string | null;
  @ApiProperty({ enum: emailStatuses }) emailStatus!: EmailStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) printedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'Set when deleted before issue (see includeDeleted)',
  })
  deletedAt!: string | null;
  @ApiProperty({ description: 'Not Issued or Cancelled, and more than 30 days since the requirements were met' })
  overdue!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '2026-12-29',
    description: 'Requirements met (course completion date or qualification audit) + 30 days; null while not met',
  })
  dueBy!: string | null;
  @ApiProperty({
    type: [String],
    example: ['nrtLogo'],
    description: 'Codes of what the current document lacked as AQF documentation when rendered; [] if nothing',
  })
  complianceWarnings!: string[];
}

export class RegisterPage {
  @ApiProperty({ type: [RegisterItem] }) items!: RegisterItem[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export function toRegisterItem(row: RegisterRow): RegisterItem {
  const source: RegisterSource = row.course_enrolment_id
    ? { kind: 'course', enrolmentId: row.course_enrolment_id, courseOfferId: row.course_offer_id! }
    : { kind: 'qualification', enrolmentId: row.qualification_enrolment_id!, qualificationId: row.qualification_id! };
  return {
    ...credentialHead(row),
    learner: { id: row.learner_id, fullName: learnerFullName(row) },
    source,
    practice: row.practice,
    issuingOfficer: row.officer_id ? { id: row.officer_id, name: row.officer_name! } : null,
    documentVersion: row.document_version,
    issuedAt: row.issued_at,
    emailStatus: row.email_status,
    printedAt: row.printed_at,
    deletedAt: row.deleted_at,
    overdue: row.overdue,
    dueBy: row.due_by,
    complianceWarnings: row.compliance_warnings,
  };
}
