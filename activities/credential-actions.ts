import type { MikroORM } from '@mikro-orm/postgresql';
import { followCertificate } from '../domain/qualifications/follow-certificate';
import { ActionInput, Credential, CredentialEvent } from '../domain/entities';
import { refusal, type CredentialActionKind, type CredentialStatus } from '../domain/credentials/lifecycle';
import { invalidState } from '../temporal/failures';

export interface ActionRequest {
  credentialId: string;
  actor: string;
}

/** Accredited credentials (a qualification's, or any statement of attainment) need a verified USI to be issued. */
function isAccredited(credential: Credential): boolean {
  return credential.qualificationEnrolment != null || credential.type === 'Statement';
}

/**
 * The state changes a credential's workflow applies for API actions. Each re-checks the state in PostgreSQL (the
 * record of truth) and is idempotent: a retry after a crash finds the change made and does nothing twice.
 */
export function createActionActivities({ orm }: { orm: MikroORM }) {
  async function load(credentialId: string) {
    const em = orm.em.fork();
    const credential = await em.findOneOrFail(Credential, credentialId, { populate: ['learner'] });
    if (credential.deletedAt) throw invalidState(`Credential ${credential.number} was deleted`);
    return { em, credential };
  }

  /** Re-checks the lifecycle table against PostgreSQL, the record of truth. */
  function requireAllowed(credential: Credential, action: CredentialActionKind): void {
    const reason = refusal(action, credential.status);
    if (reason) throw invalidState(`Credential ${credential.number}: ${reason}`);
  }

  return {
    async issueCredential({ credentialId, actor }: ActionRequest): Promise<CredentialStatus> {
      const { em, credential } = await load(credentialId);
      if (credential.status === 'Issued') return credential.status;
      requireAllowed(credential, 'issue');
      const { learner } = credential;
      const accredited = isAccredited(credential);
      if (accredited && !learner.usiVerified && !learner.usiExempt) {
        throw invalidState(
          `Credential ${credential.number}: learner ${learner.id} has no verified USI, and an accredited credential needs one`,
        );
      }
      const usiExemption = accredited && !learner.usiVerified && learner.usiExempt;
      credential.moveTo('Issued');
      credential.issuedAt = new Date();
      em.create(CredentialEvent, {
        credential,
        event: 'Issued',
        actor,
        detail: { documentVersion: credential.documentVersion, ...(usiExemption ? { usiExemption: true } : {}) },
      });
      await followCertificate(em, credential);
      await em.flush();
      return credential.status;
    },

    async recordPrint({ credentialId, actor }: ActionRequest): Promise<{ documentVersion: number }> {
      const { em, credential } = await load(credentialId);
      requireAllowed(credential, 'print');
      credential.printedAt = new Date();
      em.create(CredentialEvent, {
        credential,
        event: 'Printed',
        actor,
        detail: { documentVersion: credential.documentVersion },
      });
      await em.flush();
      return { documentVersion: credential.documentVersion! };
    },

    async cancelCredential({
      credentialId,
      actor,
      inputId,
    }: ActionRequest & { inputId: string }): Promise<CredentialStatus> {
      const { em, credential } = await load(credentialId);
      const { reason } = await em.findOneOrFail(ActionInput, inputId);
      // Every other status may be cancelled (an issued credential is cancelled and replaced, never deleted).
      if (credential.status === 'Cancelled') return credential.status;
      credential.moveTo('Cancelled');
      credential.cancelledAt = new Date();
      credential.statusReason = reason;
      em.create(CredentialEvent, { credential, event: 'Cancelled', actor, detail: { reason } });
      await followCertificate(em, credential);
      await em.flush();
      return credential.status;
    },

    /** Takes a not-yet-issued credential off the register; the row and its history stay (records are never lost). */
    async deleteCredential({ credentialId, actor }: ActionRequest): Promise<void> {
      const em = orm.em.fork();
      const credential = await em.findOneOrFail(Credential, credentialId);
      if (credential.deletedAt) return;
      requireAllowed(credential, 'delete');
      credential.deletedAt = new Date();
      em.create(CredentialEvent, { credential, event: 'Deleted', actor, detail: { status: credential.status } });
      await followCertificate(em, credential);
      await em.flush();
    },
  };
}
