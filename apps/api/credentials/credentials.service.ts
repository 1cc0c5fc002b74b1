import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../common/config.token';
import { findOr404 } from '../common/find';
import { TemporalClient } from '../temporal/temporal-client';
import { WorkflowLinks } from '../temporal/workflow-links';
import { DocumentLinks } from '../auth/document-links';
import { credentialStartOf } from '../../../temporal/client';
import type { CredentialStart } from '../../../domain/credentials/credential-start';
import { requestCourseCredential } from '../../../domain/credentials/request-course-credential';
import { refusalToHttpError } from './request-refusal';
import { requestQualificationCredential } from '../../../domain/credentials/request-qualification-credential';
import type { Principal } from '../auth/access.decorator';
import { Credential, DocumentVersion } from '../../../domain/entities';
import type { RequestCredentialDto } from './credentials.dto';
import { toCredentialResponse, type CredentialRow } from './credential.response';
import { workflowIds } from '../../../temporal/ids';
import { credentialView } from './credential.sql';
import { runQuery } from '../../../domain/prepared-query';

@Injectable()
export class CredentialsService {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly links: WorkflowLinks,
    private readonly documentLinks: DocumentLinks,
  ) {}

  /**
   * Saves a Requested credential and answers; its workflow starts right after. The row exists before any work is
   * asked for, and nothing about the answer depends on Temporal.
   */
  async requestForCourseEnrolment(enrolmentId: string, dto: RequestCredentialDto, actor: Principal) {
    const credential = await requestCourseCredential(this.em, enrolmentId, dto, actor.name).catch(refusalToHttpError);
    return this.accepted(credential);
  }

  async requestForQualificationEnrolment(enrolmentId: string, dto: RequestCredentialDto, actor: Principal) {
    const credential = await this.em
      .transactional((em) => requestQualificationCredential(em, enrolmentId, dto, actor.name))
      .catch(refusalToHttpError);
    return this.accepted(credentialStartOf(credential));
  }

  private accepted(credential: CredentialStart) {
    this.temporal.startGenerationSoon(credential);
    return {
      id: credential.id,
      number: credential.number,
      status: credential.status,
      workflowId: workflowIds.credential(credential.id),
    };
  }

  async get(id: string) {
    const [row] = await runQuery<CredentialRow>(this.em, credentialView, [id]);
    if (!row) throw new NotFoundException(`Credential ${id} not found`);
    return toCredentialResponse(row, this.config.publicBaseUrl, this.links.credential(row.id));
  }

  /** The PDF of one document version (the newest by default). */
  async document(id: string, version?: number): Promise<{ pdf: Buffer; number: string; version: number }> {
    const { credential, wanted } = await this.documentVersion(id, version);
    const document = await this.em.findOne(DocumentVersion, { credential, version: wanted }, { populate: ['pdf'] });
    if (!document) throw new NotFoundException(`Credential ${credential.number} has no document version ${wanted}`);
    return { pdf: document.pdf, number: credential.number, version: wanted };
  }

  /** A link to one document version (the newest by default) that works without an API key for five minutes. */
  async previewLink(id: string, version?: number) {
    const { credential, wanted } = await this.documentVersion(id, version);
    if (!(await this.em.count(DocumentVersion, { credential, version: wanted })))
      throw new NotFoundException(`Credential ${credential.number} has no document version ${wanted}`);
    return this.documentLinks.create(credential.id, wanted);
  }

  /** The credential and the document version asked for (its newest by default), or a 404 saying what is missing. */
  private async documentVersion(id: string, version?: number) {
    const credential = await findOr404(this.em, Credential, id);
    const wanted = version ?? credential.documentVersion;
    if (!wanted)
      throw new NotFoundException(`Credential ${credential.number} has no document yet (status ${credential.status})`);
    return { credential, wanted };
  }
}
