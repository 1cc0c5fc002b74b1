import { ConflictException, Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowIdConflictPolicy } from '@temporalio/client';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../common/config.token';
import { findOr404 } from '../common/find';
import { badRequest } from '../common/validation';
import { TemporalClient } from '../temporal/temporal-client';
import type { Principal } from '../auth/access.decorator';
import {
  CourseEnrolment, Credential, CredentialEvent, CredentialTemplate, DocumentVersion, IssuingOfficer,
} from '../../../domain/entities';
import { formatCredentialNumber, newVerificationCode } from '../../../domain/credentials/numbering';
import type { credentialWorkflow } from '../../../workflows';
import { searchAttributes } from '../../../workflows/search-attributes';
import { taskQueues } from '../../../workflows/task-queues';
import type { RequestCredentialDto } from './credentials.dto';
import { toCredentialResponse, workflowIdOf } from './credential.response';

@Injectable()
export class CredentialsService {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Saves a Requested credential, then starts its workflow; the row exists before any work is asked for. */
  async requestForCourseEnrolment(enrolmentId: string, dto: RequestCredentialDto, actor: Principal) {
    const credential = await this.em.transactional(async (em) => {
      const enrolment = await findOr404(em, CourseEnrolment, enrolmentId, {
        populate: ['learner', 'courseOffer'],
      }, 'Course enrolment');
      const template = await em.findOne(CredentialTemplate, { id: dto.templateId });
      if (!template) throw new NotFoundException(`templateId: credential template ${dto.templateId} not found`);
      if (template.appliesTo === 'qualification') {
        throw badRequest([{ field: 'templateId', messages: [`${template.name} is for qualification enrolments, not course enrolments`] }]);
      }
      if (template.type === 'Certificate' && enrolment.status !== 'Completed') {
        throw new ConflictException(`Course enrolment ${enrolment.id} is ${enrolment.status}: a certificate needs a Completed enrolment`);
      }
      const issuingOfficer = dto.issuingOfficerId
        ? await findOr404(em, IssuingOfficer, dto.issuingOfficerId, {}, 'issuingOfficerId: issuing officer')
        : null;
      const active = await em.findOne(Credential, {
        courseEnrolment: enrolment, template, status: { $ne: 'Cancelled' }, deletedAt: null,
      });
      if (active) {
        throw new ConflictException(`Credential ${active.number} (${active.id}) from this template is already ${active.status} for this enrolment`);
      }
      const [row] = await em.execute<{ serial: string }[]>(`select nextval('credential_number_seq') as serial`);
      const credential = em.create(Credential, {
        number: formatCredentialNumber(new Date().getUTCFullYear(), row!.serial),
        verificationCode: newVerificationCode(),
        type: template.type,
        template,
        templateVersion: template.currentVersion,
        learner: enrolment.learner,
        courseEnrolment: enrolment,
        credentialDate: dto.credentialDate,
        issuingOfficer,
        statusReason: dto.statusReason ?? null,
      });
      em.create(CredentialEvent, {
        credential, event: 'Requested', actor: actor.name,
        detail: { templateId: template.id, credentialDate: dto.credentialDate },
      });
      return credential;
    });
    await this.startWorkflow(credential);
    return { id: credential.id, number: credential.number, status: credential.status, workflowId: workflowIdOf(credential.id) };
  }

  private async startWorkflow(credential: Credential): Promise<void> {
    try {
      await this.temporal.client.workflow.start<typeof credentialWorkflow>('credentialWorkflow', {
        taskQueue: taskQueues.credentials,
        workflowId: workflowIdOf(credential.id),
        args: [{ credentialId: credential.id }],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        typedSearchAttributes: [
          { key: searchAttributes.credentialStatus, value: credential.status },
          { key: searchAttributes.credentialTemplate, value: credential.template.id },
          ...(credential.courseEnrolment
            ? [{ key: searchAttributes.courseOfferId, value: credential.courseEnrolment.courseOffer.id }]
            : []),
        ],
      });
    } catch (err) {
      throw new ServiceUnavailableException(
        `Credential ${credential.number} (${credential.id}) is saved as Requested, but its workflow could not start: ` +
          `${err instanceof Error ? err.message : String(err)}. Retry with POST /credentials/${credential.id}/regenerate.`,
      );
    }
  }

  async get(id: string) {
    const credential = await findOr404(this.em, Credential, id, {
      populate: ['learner', 'template', 'issuingOfficer', 'courseEnrolment', 'qualificationEnrolment', 'replaces', 'replacedBy'],
    });
    const document = credential.documentVersion
      ? await this.em.findOne(DocumentVersion, { credential, version: credential.documentVersion })
      : null;
    const history = await this.em.find(CredentialEvent, { credential }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return toCredentialResponse(credential, document, history, this.config.publicBaseUrl);
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
