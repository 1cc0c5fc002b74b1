import type { Credential, CredentialEvent, DocumentVersion } from '../../../domain/entities';

import { credentialWorkflowId as workflowIdOf } from '../../shared/credential-workflow-client';

export { workflowIdOf };

export function toCredentialResponse(
  credential: Credential,
  document: DocumentVersion | null,
  history: CredentialEvent[],
  publicBaseUrl: string,
) {
  const { learner, template, issuingOfficer, courseEnrolment, qualificationEnrolment } = credential;
  return {
    id: credential.id,
    number: credential.number,
    status: credential.status,
    type: credential.type,
    template: { id: template.id, name: template.name, version: credential.templateVersion },
    credentialDate: credential.credentialDate,
    issuingOfficer: issuingOfficer
      ? { id: issuingOfficer.id, name: issuingOfficer.name, position: issuingOfficer.position }
      : null,
    statusReason: credential.statusReason ?? null,
    learner: { id: learner.id, fullName: learner.fullName, email: learner.email },
    source: courseEnrolment
      ? { kind: 'course' as const, enrolmentId: courseEnrolment.id }
      : { kind: 'qualification' as const, enrolmentId: qualificationEnrolment?.id ?? null },
    document: document
      ? { version: document.version, sha256: document.sha256, bytes: document.bytes, generatedAt: document.createdAt.toISOString() }
      : null,
    generationError: credential.generationError ?? null,
    issuedAt: credential.issuedAt?.toISOString() ?? null,
    printedAt: credential.printedAt?.toISOString() ?? null,
    cancelledAt: credential.cancelledAt?.toISOString() ?? null,
    deletedAt: credential.deletedAt?.toISOString() ?? null,
    emailStatus: credential.emailStatus,
    emailedAt: credential.emailedAt?.toISOString() ?? null,
    replaces: credential.replaces?.id ?? null,
    replacedBy: credential.replacedBy?.id ?? null,
    verificationUrl: `${publicBaseUrl}/verify/${credential.verificationCode}`,
    workflowId: workflowIdOf(credential.id),
    createdAt: credential.createdAt.toISOString(),
    history: history.map((e) => ({ at: e.createdAt.toISOString(), event: e.event, actor: e.actor, detail: e.detail ?? null })),
  };
}
