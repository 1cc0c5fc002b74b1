import { createHash, randomUUID } from 'node:crypto';
import { FlushMode, type EntityManager, type MikroORM, type RequiredEntityData } from '@mikro-orm/postgresql';
import { followCertificate } from '../domain/qualifications/follow-certificate';
import { Credential, CredentialEvent, DocumentVersion, Organisation } from '../domain/entities';
import { loadSnapshot } from '../domain/credentials/build-snapshot';
import { renderSources, type RenderSource } from '../domain/credentials/render-sources.sql';
import { canTransition, type CredentialStatus } from '../domain/credentials/lifecycle';
import { invalidState } from '../temporal/failures';
import { assertPng } from '../domain/images/png';
import { credentialDocumentFacts, documentWarnings, type ComplianceWarning } from '../domain/compliance/aqf-documents';
import { renderCredentialPdf } from '../templates/render';
import { textFreeMessage } from '../templates/template-props';
import { runAhead } from './render-ahead';
import { insertDocumentRows, type DocumentRow } from './document-rows';

export interface GenerationDeps {
  orm: MikroORM;
  publicBaseUrl: string;
  /** The worker's render processes (or the renderer in this process); tests may count or slow renders. */
  render?: typeof renderCredentialPdf;
}

/** What a generation came to: the credential's status, and the version made or the reason it failed. */
export interface GenerationResult {
  status: CredentialStatus;
  documentVersion?: number;
  /** Why it failed, naming the credential's number and none of its text: this may enter Temporal's histories. */
  error?: string;
  /** Why it failed, in full (it may quote the learner's data): for PostgreSQL only, never returned to a workflow. */
  fullError?: string;
  /** The credential may not be generated in its state (deleted, issued, ...): `error` says why. */
  refused?: boolean;
}

/** A rendering error is the template's or the data's: retrying cannot help. */
class RenderError extends Error {
  constructor(
    message: string,
    readonly textFreeMessage = message,
    readonly timedOut = false,
  ) {
    super(message);
  }
}

/** A render ran out of time (RENDER_TIMEOUT_SECONDS): the template's or the data's fault, like any render error. */
export class RenderTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderTimeoutError';
  }
}

/** The render could not happen (its render process died, say): not the credential's fault, so the activity retries. */
export class RendererUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RendererUnavailableError';
  }
}

export interface BeginGeneration {
  credentialId: string;
  mode: 'initial' | 'regenerate';
  actor?: string;
  requestId?: string;
}

const workflowActor = 'workflow';

type Started = { credential: Credential; version: number; resumed: boolean };

type EventRow = RequiredEntityData<CredentialEvent>;

/** A credential's event as a row to insert, not a managed entity: tracking each one at every flush costs the worker. */
function eventRow(credential: Credential, event: string, detail: Record<string, unknown>, actor = workflowActor) {
  const now = new Date();
  return { id: randomUUID(), credential: credential.id, event, actor, detail, createdAt: now, updatedAt: now };
}

/** Flushes the entities' changes with the rows in one transaction, so a retry after a crash finds both or neither. */
async function commitWithRows(em: EntityManager, events: EventRow[], documents: DocumentRow[]) {
  await em.begin();
  try {
    if (documents.length) await insertDocumentRows(em, documents);
    if (events.length) await em.insertMany(CredentialEvent, events);
    await em.commit();
  } catch (err) {
    await em.rollback();
    throw err;
  }
}

/**
 * Generation of one credential or a batch, in two transactions: begin (status Generating with its event, the next
 * document version chosen), then, after rendering, store every version with its credential marked Generated. Both
 * are idempotent: `initial` (a request's own generation) is skipped once done, a regeneration once its requestId is
 * in the history, and a retry of a crashed attempt finds its credentials Generating and resumes them, or finds them
 * Generated and skips them. Rendering cannot be rolled back, so it happens between the two.
 *
 * Callers run all of it in one activity, and bulk runs a batch per activity: each activity costs the Temporal server
 * a task round trip and the workflow a task, and each query costs the worker more CPU than its share of a render; in
 * bulk runs of thousands that orchestration, not the render, was most of the CPU. Only ids cross the workflow
 * boundary: learner data stays in PostgreSQL, out of Temporal's history.
 */
export function createGenerator({ orm, publicBaseUrl, render = renderCredentialPdf }: GenerationDeps) {
  /** Moves the credential to Generating with its event in `events`, or says why not (a result); the caller commits. */
  async function begin(
    em: EntityManager,
    credential: Credential,
    request: BeginGeneration,
    events: EventRow[],
  ): Promise<Started | GenerationResult> {
    const { mode, actor = workflowActor, requestId } = request;
    const version = (credential.documentVersion ?? 0) + 1;
    const skipped = {
      status: credential.status,
      ...(credential.generationError
        ? { error: `Credential ${credential.number}: generation failed; see its generationError` }
        : {}),
    };
    if (credential.status === 'Generating') return { credential, version, resumed: true };
    if (mode === 'initial' && credential.status !== 'Requested') return skipped;
    if (requestId && (await em.count(CredentialEvent, { credential, detail: { requestId } }))) return skipped;
    const refused = (error: string) => ({ status: credential.status, error, refused: true });
    if (credential.deletedAt) return refused(`Credential ${credential.number} was deleted`);
    if (!canTransition(credential.status, 'Generating')) {
      return refused(`Credential ${credential.number} is ${credential.status} and cannot be regenerated`);
    }
    credential.moveTo('Generating');
    credential.generationError = null;
    if (mode === 'regenerate') credential.templateVersion = credential.template.currentVersion;
    const event = mode === 'initial' ? 'GenerationStarted' : 'RegenerationStarted';
    events.push(eventRow(credential, event, { version, ...(requestId ? { requestId } : {}) }, actor));
    await followCertificate(em, credential);
    return { credential, version, resumed: false };
  }

  /** What a render takes; a RenderError when the organisation is not set up. */
  async function renderInput(em: EntityManager, source: RenderSource, organisation: Organisation | null) {
    if (!organisation) throw new RenderError('The organisation is not set up: PUT /organisation first');
    const snapshot = await loadSnapshot(em, source, organisation, publicBaseUrl);
    // A custom template renders the layout of the version this credential records (built-ins have none).
    const { layout } = source;
    const images = {
      logoPng: organisation.logoPng ?? null,
      signaturePng: source.issuingOfficer?.signaturePng ?? null,
      nrtLogoPng: organisation.nrtLogoPng ?? null,
    };
    // What this AQF document lacks (NRT logo, signature, ...): recorded with it, never a reason not to render.
    const warnings = documentWarnings(credentialDocumentFacts(source, organisation, layout));
    return { snapshot, images, layout, warnings };
  }

  async function renderPdf({ snapshot, images, layout, warnings }: Awaited<ReturnType<typeof renderInput>>) {
    try {
      if (images.logoPng) assertPng(images.logoPng, 'The organisation logo');
      if (images.signaturePng) assertPng(images.signaturePng, 'The issuing officer signature');
      return { snapshot, pdf: await render(snapshot, images, layout), warnings };
    } catch (err) {
      if (err instanceof RendererUnavailableError) throw err;
      // Bad data or template: retrying cannot help. (InvalidImageError, TemplateNotRenderableError, react-pdf's own.)
      const error = err instanceof Error ? err : new Error(String(err));
      throw new RenderError(
        `Rendering failed: ${error.message}`,
        `Rendering failed: ${textFreeMessage(error)}`,
        err instanceof RenderTimeoutError,
      );
    }
  }

  /**
   * Makes each credential's next document version: Generated with it, or, when the template or data cannot be
   * rendered (retrying would fail the same way), the reason: recorded as GenerationFailed, or with
   * `onRenderError: 'report'` only reported, leaving the credential Generating for its own workflow to retry.
   * Database and crash failures throw. Results are in the order of the requests.
   */
  async function generate(
    requests: BeginGeneration[],
    onRenderError: 'record' | 'report',
  ): Promise<GenerationResult[]> {
    // Flushed explicitly, twice: the queries in between must not flush half a batch.
    const em = orm.em.fork({ flushMode: FlushMode.COMMIT });
    // Only the credentials (and their template, one a batch as a rule) are entities: the unit of work compares each
    // entity it holds at every flush, and what a render reads is read as rows once the batch has begun.
    const credentials = await em.find(
      Credential,
      { id: { $in: requests.map((r) => r.credentialId) } },
      { populate: ['template'] },
    );
    const byId = new Map(credentials.map((c) => [c.id, c]));
    const results: GenerationResult[] = [];
    const started = new Map<number, Started>();
    const startEvents: EventRow[] = [];
    for (const [index, request] of requests.entries()) {
      const credential = byId.get(request.credentialId);
      const begun = credential
        ? await begin(em, credential, request, startEvents)
        : { status: 'Cancelled' as const, error: `Credential ${request.credentialId} not found`, refused: true };
      if ('credential' in begun) started.set(index, begun);
      else results[index] = begun;
    }
    if (!started.size) return results;
    // Every change begin makes comes with its event.
    if (startEvents.length) await commitWithRows(em, startEvents, []);

    // After the begin's commit: a regeneration renders the template version it has just recorded.
    const sources = await renderSources(
      em,
      [...started.values()].map((s) => s.credential.id),
    );
    const organisation = await em.findOne(Organisation, { singleton: true }, { populate: ['logoPng', 'nrtLogoPng'] });
    // Versions a crashed attempt stored before it could mark them: kept, not rendered again.
    const resumed = [...started.values()].filter((s) => s.resumed);
    const stored = resumed.length
      ? await em.find(
          DocumentVersion,
          { $or: resumed.map((s) => ({ credential: s.credential, version: s.version })) },
          { fields: ['credential', 'version', 'sha256', 'bytes'] },
        )
      : [];
    // New documents are inserted as rows, not managed entities: the unit of work would copy and compare every PDF and
    // snapshot it tracks, which costs a real share of a render per credential.
    const inserts: DocumentRow[] = [];
    const endEvents: EventRow[] = [];
    // The batch's inputs first (its queries on this EntityManager, one at a time), then its renders, two at a time.
    const jobs: Array<() => ReturnType<typeof renderPdf>> = [];
    const jobOf = new Map<number, number>();
    const storedOf = new Map<number, Pick<DocumentVersion, 'sha256' | 'bytes'>>();
    for (const [index, { credential, version }] of started) {
      const document = stored.find((d) => d.credential.id === credential.id && d.version === version);
      if (document) {
        storedOf.set(index, document);
        continue;
      }
      jobOf.set(index, jobs.length);
      jobs.push(
        await renderInput(em, sources.get(credential.id)!, organisation).then(
          (input) => () => renderPdf(input),
          (err: unknown) => () => Promise.reject(err),
        ),
      );
    }
    // After a render that ran out of time, a reported batch leaves the rest to their own workflows: the same template
    // may stall every render, and the batch must end in reasonable time.
    const rendering = runAhead(
      jobs,
      2,
      (err) => onRenderError === 'report' && err instanceof RenderError && err.timedOut,
    );
    try {
      for (const [index, { credential, version }] of started) {
        let document = storedOf.get(index);
        let warnings: ComplianceWarning[] | undefined;
        if (!document) {
          const outcome = await rendering.outcomes[jobOf.get(index)!]!;
          if ('skipped' in outcome) {
            results[index] = {
              status: 'Generating',
              error: 'Not rendered: an earlier render in its batch ran out of time',
            };
            continue;
          }
          if ('error' in outcome) {
            const err = outcome.error;
            if (!(err instanceof RenderError)) throw err;
            const error = `Credential ${credential.number}: ${err.textFreeMessage}`;
            if (onRenderError === 'report') {
              results[index] = { status: 'Generating', error, fullError: err.message };
              continue;
            }
            credential.moveTo('GenerationFailed');
            credential.generationError = err.message;
            endEvents.push(eventRow(credential, 'GenerationFailed', { message: err.message }));
            await followCertificate(em, credential);
            results[index] = { status: 'GenerationFailed', error, fullError: err.message };
            continue;
          }
          const { snapshot, pdf } = outcome.value;
          warnings = outcome.value.warnings;
          const now = new Date();
          document = { sha256: createHash('sha256').update(pdf).digest('hex'), bytes: pdf.length };
          inserts.push({
            id: randomUUID(),
            credential: credential.id,
            version,
            pdf,
            ...document,
            templateVersion: credential.templateVersion,
            snapshot,
            createdAt: now,
            updatedAt: now,
          });
        }
        credential.moveTo('Generated');
        credential.documentVersion = version;
        credential.generationError = null;
        if (warnings) credential.complianceWarnings = warnings.length ? warnings : null;
        endEvents.push(
          eventRow(credential, 'Generated', {
            version,
            sha256: document.sha256,
            bytes: document.bytes,
            ...(warnings?.length ? { complianceWarnings: warnings } : {}),
          }),
        );
        await followCertificate(em, credential);
        results[index] = { status: 'Generated', documentVersion: version };
      }
    } finally {
      rendering.stop(); // after a failure, nothing more starts
    }
    // A document is never stored without its credential marked, so a retry after a crash (or one that lost a race on
    // the unique version) finds both or neither.
    await commitWithRows(em, endEvents, inserts);
    return results;
  }

  return { generate };
}

export function createGenerationActivities(deps: GenerationDeps) {
  const { generate } = createGenerator(deps);
  return {
    /** The credential workflow's generation: every step in one activity, a render failure recorded. */
    async generateDocument(request: BeginGeneration): Promise<GenerationResult> {
      const [{ fullError: _inPostgreSQL, ...result }] = (await generate([request], 'record')) as [GenerationResult];
      if (result.refused) throw invalidState(result.error!);
      return result;
    },
  };
}
