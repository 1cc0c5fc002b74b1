import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { credentialStatuses, emailStatuses, type CredentialStatus } from '../../../domain/credentials/lifecycle';
import { credentialTypes, type CredentialType } from '../../../domain/entities/credential-template.entity';
import { emailMessageStatuses } from '../../../domain/entities/email-message.entity';

/** The OpenAPI description of GET /credentials/:id (toCredentialResponse builds the answer). */
const nullable = (type: ApiPropertyOptions['type'], extra: ApiPropertyOptions = {}): ApiPropertyOptions =>
  ({ type, nullable: true, ...extra }) as ApiPropertyOptions;
const dateTime = (extra: ApiPropertyOptions = {}) => nullable(String, { format: 'date-time', ...extra });

class TemplateRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Certificate of Completion' }) name!: string;
  @ApiProperty({ description: 'The template version the credential is rendered with' }) version!: number;
}

/** What every credential answer begins with (credentialHead): this one and the register's items. */
export class CredentialHead {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-000042' }) number!: string;
  @ApiProperty({ enum: credentialStatuses }) status!: CredentialStatus;
  @ApiProperty({ enum: credentialTypes }) type!: CredentialType;
  @ApiProperty({ type: TemplateRef }) template!: TemplateRef;
  @ApiProperty({ example: '2026-11-29' }) credentialDate!: string;
}

class OfficerRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() position!: string;
}

class LearnerRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() email!: string;
}

class SourceRef {
  @ApiProperty({ enum: ['course', 'qualification'] }) kind!: string;
  @ApiProperty({ format: 'uuid' }) enrolmentId!: string;
}

class DocumentRef {
  @ApiProperty() version!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty() bytes!: number;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
}

class DocumentVersionRef extends DocumentRef {
  @ApiProperty({ description: 'The template version it was rendered with' }) templateVersion!: number;
}

class EmailRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "1 for the credential's first email, then 2, ..." }) sendNumber!: number;
  @ApiProperty() to!: string;
  @ApiProperty({ enum: emailMessageStatuses, description: 'Delivery status (the Resend webhook moves it on)' })
  status!: string;
  @ApiProperty({ description: 'The document version attached' }) documentVersion!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty(dateTime({ description: 'When the provider accepted it' })) sentAt!: string | null;
  @ApiProperty({ format: 'date-time', description: 'Last change of status' }) updatedAt!: string;
  @ApiProperty(nullable(String, { description: "The provider's words when it refused or could not deliver" }))
  error!: string | null;
}

class ComplianceWarningRef {
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

class HistoryEntry {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() event!: string;
  @ApiProperty() actor!: string;
  @ApiProperty(nullable(String, { format: 'uuid' })) actorKeyId!: string | null;
  @ApiProperty(nullable(Object)) detail!: Record<string, unknown> | null;
}

export class CredentialResponse extends CredentialHead {
  @ApiProperty({ description: 'From a practice course offer: never verifies publicly' }) practice!: boolean;
  @ApiProperty(nullable(OfficerRef)) issuingOfficer!: OfficerRef | null;
  @ApiProperty(nullable(String)) statusReason!: string | null;
  @ApiProperty({ type: LearnerRef }) learner!: LearnerRef;
  @ApiProperty({ type: SourceRef }) source!: SourceRef;
  @ApiProperty(nullable(DocumentRef, { description: 'The current document' })) document!: DocumentRef | null;
  @ApiProperty(nullable(String)) generationError!: string | null;
  @ApiProperty({ type: [ComplianceWarningRef] }) complianceWarnings!: ComplianceWarningRef[];
  @ApiProperty(dateTime()) issuedAt!: string | null;
  @ApiProperty(dateTime()) printedAt!: string | null;
  @ApiProperty(dateTime()) cancelledAt!: string | null;
  @ApiProperty(dateTime()) deletedAt!: string | null;
  @ApiProperty({ enum: emailStatuses }) emailStatus!: string;
  @ApiProperty(dateTime()) emailedAt!: string | null;
  @ApiProperty(nullable(String, { format: 'uuid' })) replaces!: string | null;
  @ApiProperty(nullable(String, { format: 'uuid' })) replacedBy!: string | null;
  @ApiProperty() verificationUrl!: string;
  @ApiProperty({ example: 'credential-5b0e...' }) workflowId!: string;
  @ApiProperty({ description: "The credential's workflow in the Temporal UI (TEMPORAL_UI_URL)" }) workflowUrl!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [DocumentVersionRef], description: 'Every document version, newest first' })
  documents!: DocumentVersionRef[];
  @ApiProperty({ type: [EmailRef], description: 'Every email of the credential, newest first' }) emails!: EmailRef[];
  @ApiProperty({ type: [HistoryEntry], description: 'Oldest first' }) history!: HistoryEntry[];
}
