import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { followCertificate } from '../domain/qualifications/follow-certificate';
import { ActionInput, Credential, CredentialEvent } from '../domain/entities';
import { refusal, type CredentialActionKind, type CredentialStatus } from '../domain/credentials/lifecycle';
import { invalidState } from '../temporal/failures';
import { emailedStatuses, replacementReason } from '../domain/credentials/replacement';
import type { IssueOutcome } from '../temporal/credential';
import { needsVerifiedUsi, usiClears } from '../domain/credentials/usi-requirement';
import { existingCredential } from './gone';

export interface ActionRequest {
  credentialId: string;
  actor: string;
  /** The request the action serves (its Update's id): kept with the change it makes. */
  requestId?: string;
}

/** Accredited credentials (a qualification's, or any statement of attainment) need a verified USI to be issued. */
function isAccredited(credential: Credential): boolean {
  return needsVerifiedUsi({ type: credential.type, fromQualification: credential.qualificationEnrolment != null });
}

/**
 * The state changes a credential's workflow applies for API actions. Each re-checks the state in PostgreSQL (the
 * record of truth) and is idempotent: a retry after a crash finds the change made and does nothing twice.
 */
export function createActionActivities({ orm }: { orm: MikroORM }) {
  async function load(credentialId: string) {
    const em = orm.em.fork();
    const credential = await existingCredential(em, credentialId, { populate: ['learner'] });
    if (credential.deletedAt) throw invalidState(`Credential ${credential.number} was deleted`);
    return { em, credential };
  }

  /** Re-checks the lifecycle table against PostgreSQL, the record of truth. */
  function requireAllowed(credential: Credential, action: CredentialActionKind): void {
    const reason = refusal(action, credential.status);
    if (reason) throw invalidState(`Credential ${credential.number}: ${reason}`);
  }

  /**
   * The action was found already done. A retry of the request that did it succeeds again; another request is refused
   * as if it had seen the state first (it started a new run from a status read before the first request's change
   * landed). A change recorded without its request (before requests were kept) counts as this request's.
   */
  async function requireDoneByThisRequest(
    em: EntityManager,
    credential: Credential,
    action: 'issue' | 'cancel',
    requestId: string | undefined,
  ): Promise<void> {
    const event = action === 'issue' ? 'Issued' : 'Cancelled';
    const done = await em.findOne(CredentialEvent, { credential, event }, { orderBy: { createdAt: 'desc' } });
    const doneBy = done?.detail?.requestId;
    if (requestId && typeof doneBy === 'string' && doneBy !== requestId) requireAllowed(credential, action);
  }

  /**
   * The original a replacement takes the place of, cancelled in the issue's transaction (once), kept with the issue's
   * request: a later cancel of the original that reaches a run of its own is then refused, not told it was done.
   */
  function cancelReplacedOriginal(em: EntityManager, original: Credential, actor: string, requestId?: string): void {
    if (original.status === 'Cancelled') return;
    original.moveTo('Cancelled');
    original.cancelledAt = new Date();
    original.statusReason = replacementReason;
    em.create(CredentialEvent, {
      credential: original,
      event: 'Cancelled',
      actor,
      detail: { reason: replacementReason, ...(requestId ? { requestId } : {}) },
    });
    // Its qualification enrolment (if any) follows the replacement now: followCertificate leaves it.
  }

  /**
   * Issues the credential; a replacement also cancels its original in the same transaction ("Replaced after data
   * correction"). Says whether the replacement is to be emailed because its original had been: the same answer on
   * every retry, since it reads only what the issue does not change.
   */
  async function issue({ credentialId, actor, requestId }: ActionRequest): Promise<IssueOutcome> {
    const { em, credential } = await load(credentialId);
    const original = credential.replaces ? await em.findOneOrFail(Credential, credential.replaces.id) : null;
    const emailAsOriginal = original != null && emailedStatuses.includes(original.emailStatus);
    if (credential.status === 'Issued') {
      await requireDoneByThisRequest(em, credential, 'issue', requestId);
      return { status: credential.status, emailAsOriginal };
    }
    requireAllowed(credential, 'issue');
    const { learner } = credential;
    const accredited = isAccredited(credential);
    if (accredited && !usiClears(learner)) {
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
      detail: {
        documentVersion: credential.documentVersion,
        ...(usiExemption ? { usiExemption: true } : {}),
        ...(requestId ? { requestId } : {}),
      },
    });
    if (original) cancelReplacedOriginal(em, original, actor, requestId);
    await followCertificate(em, credential);
    await em.flush();
    return { status: credential.status, emailAsOriginal };
  }

  return {
    /** Histories recorded before issueAndSettleOriginal replay this one; it now settles the original too. */
    async issueCredential(input: ActionRequest): Promise<CredentialStatus> {
      return (await issue(input)).status;
    },

    issueAndSettleOriginal: issue,

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
      requestId,
    }: ActionRequest & { inputId: string }): Promise<CredentialStatus> {
      const { em, credential } = await load(credentialId);
      const { reason } = await em.findOneOrFail(ActionInput, inputId);
      // Every other status may be cancelled (an issued credential is cancelled and replaced, never deleted).
      if (credential.status === 'Cancelled') {
        await requireDoneByThisRequest(em, credential, 'cancel', requestId);
        return credential.status;
      }
      credential.moveTo('Cancelled');
      credential.cancelledAt = new Date();
      credential.statusReason = reason;
      em.create(CredentialEvent, {
        credential,
        event: 'Cancelled',
        actor,
        detail: { reason, ...(requestId ? { requestId } : {}) },
      });
      await followCertificate(em, credential);
      await em.flush();
      return credential.status;
    },

    /** Takes a not-yet-issued credential off the register; the row and its history stay (records are never lost). */
    async deleteCredential({ credentialId, actor }: ActionRequest): Promise<void> {
      const em = orm.em.fork();
      const credential = await existingCredential(em, credentialId);
      if (credential.deletedAt) return;
      requireAllowed(credential, 'delete');
      credential.deletedAt = new Date();
      em.create(CredentialEvent, { credential, event: 'Deleted', actor, detail: { status: credential.status } });
      await followCertificate(em, credential);
      await em.flush();
    },
  };
}
