import type { CredentialStatus, EmailStatus } from '../../../domain/credentials/lifecycle';
import type { CredentialType } from '../../../domain/entities/credential-template.entity';
import type { EmailMessageStatus } from '../../../domain/entities/email-message.entity';
import type { WorkflowLink } from '../temporal/workflow-links';

/** What every hand-written credential query reads (this view, the register): the credential, its template's name, its
 * learner's name; snake_case as PostgreSQL returns it. */
export interface CredentialRowBase {
  id: string;
  number: string;
  status: CredentialStatus;
  type: CredentialType;
  template_id: string;
  template_name: string;
  template_version: number;
  credential_date: string;
  learner_id: string;
  given_name: string;
  middle_name: string | null;
  family_name: string;
  course_enrolment_id: string | null;
  qualification_enrolment_id: string | null;
  email_status: EmailStatus;
}

/** The learner's name as Learner.fullName writes it. */
export function learnerFullName(row: Pick<CredentialRowBase, 'given_name' | 'middle_name' | 'family_name'>): string {
  return [row.given_name, row.middle_name, row.family_name].filter(Boolean).join(' ');
}

/** The fields both credential answers (this view, the register's items) begin with. */
export function credentialHead(row: CredentialRowBase) {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    type: row.type,
    template: { id: row.template_id, name: row.template_name, version: row.template_version },
    credentialDate: row.credential_date,
  };
}

/** One row of credentialView (credential.sql.ts); its timestamps are already ISO text. */
export interface CredentialRow extends CredentialRowBase {
  officer_id: string | null;
  officer_name: string | null;
  officer_position: string | null;
  status_reason: string | null;
  email: string;
  document_version: number | null;
  document_sha256: string | null;
  document_bytes: number | null;
  document_generated_at: string | null;
  generation_error: string | null;
  compliance_warnings: Array<{ code: string; message: string }> | null;
  issued_at: string | null;
  printed_at: string | null;
  cancelled_at: string | null;
  deleted_at: string | null;
  emailed_at: string | null;
  replaces_id: string | null;
  replaced_by_id: string | null;
  verification_code: string;
  created_at: string;
  practice: boolean;
  /** Every document version, newest first. */
  documents: Array<{ version: number; sha256: string; bytes: number; generatedAt: string; templateVersion: number }>;
  /** Every email send, newest first. */
  emails: Array<{
    id: string;
    sendNumber: number;
    to: string;
    status: EmailMessageStatus;
    documentVersion: number;
    createdAt: string;
    sentAt: string | null;
    updatedAt: string;
    error: string | null;
  }>;
  history: Array<{
    at: string;
    event: string;
    actor: string;
    /** The acting API key's id; null when the actor is the system (workflow, data-fix, ADMIN_API_KEY, ...). */
    actorKeyId: string | null;
    detail: Record<string, unknown> | null;
  }>;
}

export function toCredentialResponse(row: CredentialRow, publicBaseUrl: string, workflow: WorkflowLink) {
  return {
    ...credentialHead(row),
    practice: row.practice,
    issuingOfficer: row.officer_id
      ? { id: row.officer_id, name: row.officer_name!, position: row.officer_position! }
      : null,
    statusReason: row.status_reason,
    learner: { id: row.learner_id, fullName: learnerFullName(row), email: row.email },
    source: row.course_enrolment_id
      ? { kind: 'course' as const, enrolmentId: row.course_enrolment_id }
      : { kind: 'qualification' as const, enrolmentId: row.qualification_enrolment_id },
    document: row.document_version
      ? {
          version: row.document_version,
          sha256: row.document_sha256!,
          bytes: row.document_bytes!,
          generatedAt: row.document_generated_at!,
        }
      : null,
    generationError: row.generation_error,
    // What the current document lacked as AQF documentation when rendered (GET /organisation/compliance); [] if none.
    complianceWarnings: row.compliance_warnings ?? [],
    issuedAt: row.issued_at,
    printedAt: row.printed_at,
    cancelledAt: row.cancelled_at,
    deletedAt: row.deleted_at,
    emailStatus: row.email_status,
    emailedAt: row.emailed_at,
    replaces: row.replaces_id,
    replacedBy: row.replaced_by_id,
    verificationUrl: `${publicBaseUrl}/verify/${row.verification_code}`,
    ...workflow,
    createdAt: row.created_at,
    documents: row.documents,
    emails: row.emails,
    history: row.history,
  };
}
