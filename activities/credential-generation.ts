import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/postgresql';
import { followCertificate } from '../domain/qualifications/follow-certificate';
import { Credential, CredentialEvent, CredentialTemplateVersion, DocumentVersion, Organisation } from '../domain/entities';
import { loadSnapshot } from '../domain/credentials/build-snapshot';
import { canTransition } from '../domain/credentials/status';
import { invalidState } from '../workflows/failures';
import { assertPng } from '../domain/images/png';
import { renderCredentialPdf } from '../templates/render';

export interface GenerationDeps {
  orm: MikroORM;
  publicBaseUrl: string;
  /** Replaceable so tests can count or slow renders; the worker uses the real renderer. */
  render?: typeof renderCredentialPdf;
}

export interface DocumentRef {
  credentialId: string;
  version: number;
}

export interface BeginGeneration {
  credentialId: string;
  mode: 'initial' | 'regenerate';
  actor?: string;
  requestId?: string;
}

const workflowActor = 'workflow';

/**
 * Generation in three idempotent steps: begin (status Generating, pick the next document version), render and store
 * that version (a retry finds the stored row instead of adding one), mark Generated. Only ids cross the workflow
 * boundary: learner data stays in PostgreSQL, out of Temporal's history.
 */
export function createGenerationActivities({ orm, publicBaseUrl, render = renderCredentialPdf }: GenerationDeps) {
  return {
    /**
     * Starts a render: status Generating and the next document version. `initial` (the request's own generation) is
     * skipped when a previous run already finished it, so a restarted run never renders twice; `regenerate` renders
     * with the template's current version.
     */
    async beginGeneration({ credentialId, mode, actor = workflowActor, requestId }: BeginGeneration): Promise<DocumentRef | null> {
      const em = orm.em.fork();
      const credential = await em.findOneOrFail(Credential, credentialId, { populate: ['template'] });
      const version = (credential.documentVersion ?? 0) + 1;
      if (credential.status === 'Generating') return { credentialId, version };
      if (mode === 'initial' && credential.status !== 'Requested') return null;
      if (requestId && (await em.count(CredentialEvent, { credential, detail: { requestId } }))) return null;
      if (credential.deletedAt) throw invalidState(`Credential ${credential.number} was deleted`);
      if (!canTransition(credential.status, 'Generating')) {
        throw invalidState(`Credential ${credential.number} is ${credential.status} and cannot be regenerated`);
      }
      credential.moveTo('Generating');
      credential.generationError = null;
      if (mode === 'regenerate') credential.templateVersion = credential.template.currentVersion;
      const event = mode === 'initial' ? 'GenerationStarted' : 'RegenerationStarted';
      em.create(CredentialEvent, { credential, event, actor, detail: { version, ...(requestId ? { requestId } : {}) } });
      await followCertificate(em, credential);
      await em.flush();
      return { credentialId, version };
    },

    async renderDocument({ credentialId, version }: DocumentRef): Promise<{ sha256: string; bytes: number }> {
      const em = orm.em.fork();
      const stored = await em.findOne(DocumentVersion, { credential: credentialId, version });
      if (stored) return { sha256: stored.sha256, bytes: stored.bytes };

      const credential = await em.findOneOrFail(Credential, credentialId, {
        populate: [
          'learner', 'template', 'issuingOfficer.signaturePng', 'courseEnrolment.courseOffer.course',
          'qualificationEnrolment.qualification',
        ],
      });
      const organisation = await em.findOne(Organisation, { singleton: true }, { populate: ['logoPng'] });
      if (!organisation) {
        throw ApplicationFailure.nonRetryable('The organisation is not set up: PUT /organisation first', 'RenderError');
      }
      const snapshot = await loadSnapshot(em, credential, organisation, publicBaseUrl);
      // A custom template renders the layout of the version this credential records (built-ins have none).
      const layout = credential.template.builtinKey
        ? null
        : (await em.findOne(CredentialTemplateVersion, { template: credential.template, version: credential.templateVersion }))?.layout ?? null;
      const images = { logoPng: organisation.logoPng ?? null, signaturePng: credential.issuingOfficer?.signaturePng ?? null };
      let pdf: Buffer;
      try {
        if (images.logoPng) assertPng(images.logoPng, 'The organisation logo');
        if (images.signaturePng) assertPng(images.signaturePng, 'The issuing officer signature');
        pdf = await render(snapshot, images, layout);
      } catch (err) {
        // Bad data or template: retrying cannot help, so fail at once with a message ops staff can act on.
        // (InvalidImageError, TemplateNotRenderableError, or react-pdf's own layout errors.)
        const message = err instanceof Error ? err.message : String(err);
        throw ApplicationFailure.nonRetryable(`Rendering failed: ${message}`, 'RenderError');
      }
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const document = em.create(DocumentVersion, {
        credential, version, pdf, sha256, bytes: pdf.length, templateVersion: credential.templateVersion, snapshot,
      });
      try {
        await em.flush();
      } catch (err) {
        // A retry that raced an earlier attempt's insert: the first stored version wins.
        if (!(err instanceof UniqueConstraintViolationException)) throw err;
        const winner = await orm.em.fork().findOneOrFail(DocumentVersion, { credential: credentialId, version });
        return { sha256: winner.sha256, bytes: winner.bytes };
      }
      return { sha256: document.sha256, bytes: document.bytes };
    },

    async markGenerated({ credentialId, version }: DocumentRef): Promise<void> {
      const em = orm.em.fork();
      const credential = await em.findOneOrFail(Credential, credentialId);
      if (credential.status === 'Generated' && credential.documentVersion === version) return;
      const document = await em.findOneOrFail(DocumentVersion, { credential: credentialId, version });
      credential.moveTo('Generated');
      credential.documentVersion = version;
      credential.generationError = null;
      em.create(CredentialEvent, {
        credential, event: 'Generated', actor: workflowActor, detail: { version, sha256: document.sha256, bytes: document.bytes },
      });
      await followCertificate(em, credential);
      await em.flush();
    },

    async markGenerationFailed({ credentialId, message }: { credentialId: string; message: string }): Promise<void> {
      const em = orm.em.fork();
      const credential = await em.findOneOrFail(Credential, credentialId);
      if (credential.status === 'GenerationFailed' && credential.generationError === message) return;
      credential.moveTo('GenerationFailed');
      credential.generationError = message;
      em.create(CredentialEvent, { credential, event: 'GenerationFailed', actor: workflowActor, detail: { message } });
      await followCertificate(em, credential);
      await em.flush();
    },
  };
}
