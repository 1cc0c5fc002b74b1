import { heartbeating } from './heartbeating';
import { existingCredential } from './gone';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Credential, CredentialEvent, DocumentVersion, Organisation } from '../domain/entities';
import { loadSnapshot } from '../domain/credentials/build-snapshot';
import { findOrCreateReplacement, isDeadReplacement, replacementReason } from '../domain/credentials/replacement';
import { auditAndApply, RulesNotAuditableError } from '../domain/qualifications/audit-enrolment';
import type { CredentialSnapshot } from '../domain/credentials/snapshot';
import type { CredentialAction } from '../temporal/credential';
import type { DataFixEntity, ReissueStep } from '../temporal/data-fix';
import {
  ActionRefusedError,
  credentialStartOf,
  workflowStartRelations,
  type WorkflowsClient,
} from '../temporal/client';

const actor = 'data-fix';
const populate = [
  'learner',
  'template',
  'issuingOfficer.signaturePng',
  'courseEnrolment.courseOffer.course',
  'qualificationEnrolment.qualification',
] as const;

/** JSON with object keys sorted: PostgreSQL's jsonb stores keys in its own order, so plain JSON.stringify of a stored
 * snapshot never equals that of a fresh one. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The printed data, without what a data fix does not change (the template and its version). Snapshots stored before
 * the date of birth left them still carry it: it was never printed, so it is no difference.
 */
function printedData(snapshot: CredentialSnapshot): string {
  const { template: _template, learner, ...data } = snapshot;
  const { dateOfBirth: _dateOfBirth, ...printedLearner } = learner as CredentialSnapshot['learner'] & {
    dateOfBirth?: string;
  };
  return canonicalJson({ ...data, learner: printedLearner });
}

/**
 * After learner or enrolment data is corrected: find the credentials whose printed data changed, regenerate those not
 * yet issued, and replace issued ones (new number, linked both ways). A replacement waits, Generated, for an issuer,
 * unless the corrections were an issuer's or admin's and autoReissueIssued: then it is issued here.
 */
export function createDataFixActivities({
  orm,
  workflows,
  publicBaseUrl,
  autoReissueIssued,
}: {
  orm: MikroORM;
  workflows: WorkflowsClient;
  publicBaseUrl: string;
  autoReissueIssued: boolean;
}) {
  async function act(credential: Credential, action: CredentialAction): Promise<string | null> {
    try {
      const result = await heartbeating(workflows.actOnCredential(credential, action));
      return result.error ?? null;
    } catch (err) {
      if (err instanceof ActionRefusedError) return err.message;
      throw err;
    }
  }

  async function load(id: string) {
    return existingCredential(orm.em.fork(), id, { populate: workflowStartRelations });
  }

  /**
   * Makes (once) the replacement of an issued credential and generates it. It then waits, Generated, for an issuer;
   * when every correction was made with an issuer or admin key (and AUTO_REISSUE_ISSUED), it is issued here, and
   * issuing it cancels the original and emails it where the original had been emailed (the credential workflow's
   * issue does both, whoever issues).
   */
  async function replace(originalId: string, requestId: string, issueReplacement: boolean): Promise<void> {
    let replacement = await orm.em
      .fork()
      .transactional((em) => findOrCreateReplacement(em, originalId, replacementReason, actor));
    replacement = await load(replacement.id);
    if (replacement.status === 'Requested' || replacement.status === 'Generating') {
      await workflows.startCredentialGeneration(credentialStartOf(replacement));
      await heartbeating(workflows.waitForCredentialRun(replacement.id));
      replacement = await load(replacement.id);
    }
    if (replacement.status !== 'Generated') return; // GenerationFailed: ops decide; Issued: done
    if (!autoReissueIssued || !issueReplacement) return;
    const refused = await act(replacement, { kind: 'issue', actor, requestId: `${requestId}-issue` });
    if (refused) {
      const em = orm.em.fork();
      em.create(CredentialEvent, {
        credential: em.getReference(Credential, replacement.id),
        event: 'ReissueIncomplete',
        actor,
        detail: { problems: [refused] },
      });
      await em.flush();
    }
  }

  return {
    /** The auto audit after unit results change: the enrolment's status moves with its results. */
    async auditQualificationEnrolment(enrolmentId: string): Promise<void> {
      try {
        await auditAndApply(orm.em.fork(), enrolmentId);
      } catch (err) {
        if (!(err instanceof RulesNotAuditableError)) throw err; // bad stored rules: the API's audit says why
      }
    },

    /** Credentials of the corrected learner or enrolment whose printed data differs from their current document. */
    async findAffectedCredentials({ entity, id }: { entity: DataFixEntity; id: string }): Promise<string[]> {
      const em = orm.em.fork();
      const where =
        entity === 'learner'
          ? { learner: id }
          : entity === 'course-enrolment'
            ? { courseEnrolment: id }
            : { qualificationEnrolment: id };
      const credentials = await em.find(
        Credential,
        {
          ...where,
          status: { $in: ['Generated', 'GenerationFailed', 'Issued'] },
          deletedAt: null,
        },
        { populate },
      );
      const organisation = await em.findOne(Organisation, { singleton: true }, { populate: ['logoPng'] });
      if (!organisation) return [];
      const affected: string[] = [];
      for (const credential of credentials) {
        // An issued credential already being replaced is the replacement's business now; a dead replacement (deleted,
        // or cancelled unissued) is no one's, and blocks nothing.
        if (credential.status === 'Issued') {
          const replacement = await em.findOne(Credential, { replaces: credential });
          if (replacement && !isDeadReplacement(replacement)) continue;
        }
        const document = credential.documentVersion
          ? await em.findOne(DocumentVersion, { credential, version: credential.documentVersion })
          : null;
        const now = await loadSnapshot(em, credential, organisation, publicBaseUrl);
        if (!document || printedData(document.snapshot) !== printedData(now)) affected.push(credential.id);
      }
      return affected;
    },

    async reissueCredential({ credentialId, requestId, issueReplacement = false }: ReissueStep): Promise<void> {
      // Removed since it was found affected (with its practice course offer): nothing to reissue.
      if (!(await orm.em.fork().count(Credential, { id: credentialId }))) return;
      const credential = await load(credentialId);
      if (credential.status === 'Issued') return replace(credentialId, requestId, issueReplacement);
      if (credential.status === 'Generated' || credential.status === 'GenerationFailed') {
        await act(credential, { kind: 'regenerate', actor, requestId });
      }
    },
  };
}
