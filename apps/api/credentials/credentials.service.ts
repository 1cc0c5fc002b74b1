import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../common/config.token';
import { findOr404 } from '../common/find';
import { badRequest } from '../common/validation';
import { CredentialWorkflows } from './credential-workflows';
import { CredentialRequestRefused, requestCourseCredential } from '../../../domain/credentials/request-course-credential';
import { requestQualificationCredential } from '../../../domain/credentials/request-qualification-credential';
import type { Principal } from '../auth/access.decorator';
import { Credential, DocumentVersion } from '../../../domain/entities';
import type { RequestCredentialDto } from './credentials.dto';
import { toCredentialResponse, workflowIdOf, type CredentialRow } from './credential.response';
import { credentialViewSql } from './credential.sql';

export function toHttpError(refusal: CredentialRequestRefused): Error {
  if (refusal.kind === 'notFound') return new NotFoundException(refusal.message);
  if (refusal.kind === 'invalid') return badRequest([{ field: refusal.field ?? 'body', messages: [refusal.message] }]);
  return new ConflictException(refusal.message);
}

@Injectable()
export class CredentialsService {
  constructor(
    private readonly em: EntityManager,
    private readonly workflows: CredentialWorkflows,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Saves a Requested credential, then starts its workflow; the row exists before any work is asked for. */
  async requestForCourseEnrolment(enrolmentId: string, dto: RequestCredentialDto, actor: Principal) {
    return this.request(requestCourseCredential, enrolmentId, dto, actor);
  }

  async requestForQualificationEnrolment(enrolmentId: string, dto: RequestCredentialDto, actor: Principal) {
    return this.request(requestQualificationCredential, enrolmentId, dto, actor);
  }

  private async request(record: typeof requestCourseCredential, enrolmentId: string, dto: RequestCredentialDto, actor: Principal) {
    const credential = await this.em
      .transactional((em) => record(em, enrolmentId, dto, actor.name))
      .catch((err: unknown) => {
        throw err instanceof CredentialRequestRefused ? toHttpError(err) : err;
      });
    await this.workflows.startGeneration(credential);
    return { id: credential.id, number: credential.number, status: credential.status, workflowId: workflowIdOf(credential.id) };
  }

  async get(id: string) {
    const [row] = await this.em.execute<CredentialRow[]>(credentialViewSql, [id]);
    if (!row) throw new NotFoundException(`Credential ${id} not found`);
    return toCredentialResponse(row, this.config.publicBaseUrl);
  }

  /** The PDF of one document version (the newest by default). */
  async document(id: string, version?: number): Promise<{ pdf: Buffer; number: string; version: number }> {
    const credential = await findOr404(this.em, Credential, id);
    const wanted = version ?? credential.documentVersion;
    if (!wanted) throw new NotFoundException(`Credential ${credential.number} has no document yet (status ${credential.status})`);
    const document = await this.em.findOne(DocumentVersion, { credential, version: wanted }, { populate: ['pdf'] });
    if (!document) throw new NotFoundException(`Credential ${credential.number} has no document version ${wanted}`);
    return { pdf: document.pdf, number: credential.number, version: wanted };
  }
}
