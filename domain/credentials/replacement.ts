import type { EntityManager } from '@mikro-orm/postgresql';
import { Credential, CredentialEvent } from '../entities';
import { createRequestedCredential, nextCredentialNumbers } from './new-credential';

/** Why a replacement was made, and why its original is cancelled when the replacement is issued. */
export const replacementReason = 'Replaced after data correction';

/** An original emailed (or being emailed) has its replacement emailed when that is issued. */
export const emailedStatuses: readonly string[] = ['Sending', 'Sent', 'Delivered'];

/**
 * The replacement of an issued credential whose data was corrected: same source, template and date, a new number and
 * verification code, linked both ways (replacement.replaces = original). Made once: a live replacement is returned.
 * A dead one (deleted, or cancelled without ever being issued) no longer blocks: it is unlinked, its history saying
 * what it was meant to replace, and a new replacement is made.
 */
/** A replacement that will never stand in for the original: deleted, or cancelled without having been issued. */
export function isDeadReplacement(replacement: Pick<Credential, 'deletedAt' | 'status' | 'issuedAt'>): boolean {
  return replacement.deletedAt != null || (replacement.status === 'Cancelled' && !replacement.issuedAt);
}

export async function findOrCreateReplacement(
  em: EntityManager,
  originalId: string,
  reason: string,
  actor: string,
): Promise<Credential> {
  const original = await em.findOneOrFail(Credential, originalId, { populate: ['template', 'replacedBy'] });
  const existing = original.replacedBy;
  if (existing && !isDeadReplacement(existing)) return existing;
  if (existing) {
    existing.replaces = null;
    original.replacedBy = null;
    em.create(CredentialEvent, {
      credential: existing,
      event: 'ReplacementAbandoned',
      actor,
      detail: { replaced: original.number, status: existing.deletedAt ? 'Deleted' : existing.status },
    });
    await em.flush();
  }
  const [number] = await nextCredentialNumbers(em, 1);
  const replacement = createRequestedCredential(
    em,
    {
      template: original.template,
      learner: original.learner,
      courseEnrolment: original.courseEnrolment,
      qualificationEnrolment: original.qualificationEnrolment,
      credentialDate: original.credentialDate,
      issuingOfficer: original.issuingOfficer,
      statusReason: reason,
      replaces: original,
    },
    actor,
    { replaces: original.number, reason },
    number!,
  );
  em.create(CredentialEvent, {
    credential: original,
    event: 'ReplacementRequested',
    actor,
    detail: { replacement: replacement.number, reason },
  });
  await em.flush();
  return replacement;
}
