import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  ActionInput,
  BulkRun,
  BulkRunItem,
  CourseOffer,
  CredentialTemplate,
  Qualification,
  QualificationEnrolment,
  type BulkRunParams,
} from '../../../domain/entities';
import type { BulkAction } from '../../../temporal/bulk-run';
import { workflowIds } from '../../../temporal/ids';
import type { Principal } from '../auth/access.decorator';
import { findOr404 } from '../common/find';
import { pageWindow } from '../common/pagination';
import type { BulkRunQuery } from './bulk-run.response';
import { badRequest } from '../common/validation';
import { TemporalClient } from '../temporal/temporal-client';
import type { BulkActionDto, BulkEnrolmentRequestDto } from './bulk-runs.dto';
import { mergeDocuments, type MergedPdf } from '../credentials/merge/merge.service';

const listed = (ids: string[]) =>
  ids.length > 20 ? `${ids.slice(0, 20).join(', ')} and ${ids.length - 20} more` : ids.join(', ');

@Injectable()
export class BulkRunsService {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalClient,
  ) {}

  async requestForCourseOffer(offerId: string, dto: BulkEnrolmentRequestDto, actor: Principal) {
    await findOr404(this.em, CourseOffer, offerId, {}, 'Course offer');
    const template = await this.em.findOne(CredentialTemplate, { id: dto.templateId });
    if (!template) throw new NotFoundException(`templateId: credential template ${dto.templateId} not found`);
    if (template.appliesTo === 'qualification') {
      throw badRequest([
        { field: 'templateId', messages: [`${template.name} is for qualification enrolments, not course enrolments`] },
      ]);
    }
    const strangers = await this.unknown(
      dto.enrolmentIds,
      'select 1 from course_enrolment e where e.id = t.id::uuid and e.course_offer_id = ?',
      [offerId],
    );
    if (strangers.length) {
      throw badRequest([
        { field: 'enrolmentIds', messages: [`not enrolments of course offer ${offerId}: ${listed(strangers)}`] },
      ]);
    }
    const { enrolmentIds, ...request } = dto;
    return this.start('request', enrolmentIds, { ...request, actor: actor.name }, offerId);
  }

  async requestForQualificationEnrolments(dto: BulkEnrolmentRequestDto, actor: Principal) {
    const template = await this.em.findOne(CredentialTemplate, { id: dto.templateId });
    if (!template) throw new NotFoundException(`templateId: credential template ${dto.templateId} not found`);
    if (template.appliesTo === 'course') {
      throw badRequest([
        { field: 'templateId', messages: [`${template.name} is for course enrolments, not qualification enrolments`] },
      ]);
    }
    const unknown = await this.unknown(
      dto.enrolmentIds,
      'select 1 from qualification_enrolment e where e.id = t.id::uuid',
    );
    if (unknown.length) throw new NotFoundException(`Qualification enrolments not found: ${listed(unknown)}`);
    const { enrolmentIds, ...request } = dto;
    return this.start('request', enrolmentIds, { ...request, actor: actor.name, source: 'qualification' });
  }

  /** Audits every enrolment of a qualification, one bulk step each. */
  async auditQualification(qualificationId: string, actor: Principal) {
    await findOr404(this.em, Qualification, qualificationId);
    const enrolments = await this.em.find(
      QualificationEnrolment,
      { qualification: qualificationId },
      { fields: ['id'], orderBy: { createdAt: 'asc' } },
    );
    if (!enrolments.length) throw new ConflictException(`Qualification ${qualificationId} has no enrolments to audit`);
    return this.start(
      'audit',
      enrolments.map((e) => e.id),
      { actor: actor.name },
    );
  }

  async act(dto: BulkActionDto, actor: Principal) {
    if (dto.action === 'cancel' && !dto.reason?.trim()) {
      throw badRequest([
        { field: 'reason', messages: ['reason is required to cancel: say why the credentials are cancelled'] },
      ]);
    }
    const unknown = await this.unknown(dto.credentialIds, 'select 1 from credential c where c.id = t.id::uuid');
    if (unknown.length) throw new NotFoundException(`Credentials not found: ${listed(unknown)}`);
    const reason = dto.action === 'cancel' ? dto.reason!.trim() : undefined;
    const input = reason ? this.em.create(ActionInput, { reason }) : undefined;
    if (input) await this.em.flush();
    return this.start(dto.action, dto.credentialIds, {
      actor: actor.name,
      ...(input ? { reason, inputId: input.id } : {}),
    });
  }

  /** Saves the run and every target in one transaction, then starts `bulk-<runId>`; the targets are paged from here. */
  async start(action: BulkAction, targetIds: string[], params: BulkRunParams, courseOfferId?: string) {
    const run = await this.em.transactional(async (em) => {
      const run = em.create(BulkRun, {
        action,
        total: targetIds.length,
        // The course offer is kept with the run so the worker's sweep can start it as the API would have.
        params: { ...params, ...(courseOfferId ? { courseOfferId } : {}) } as unknown as Record<string, unknown>,
      });
      await em.flush();
      // One statement with the ids as one parameter: the ORM quoted every value of 10,000 rows into the SQL text.
      await em.execute(
        `insert into bulk_run_item (id, bulk_run_id, seq, target_id, status, created_at, updated_at)
         select gen_random_uuid(), ?, t.seq, t.id::uuid, 'Pending', now(), now()
           from jsonb_array_elements_text(?::jsonb) with ordinality as t(id, seq)`,
        [run.id, JSON.stringify(targetIds)],
      );
      return run;
    });
    // Like a single request: answered at once, started in the background by the start-and-retry policy, and started
    // by the worker's sweep should that give up (the saved Running run is the request).
    this.temporal.startBulkRunSoon({ id: run.id, action, total: targetIds.length, courseOfferId });
    return { bulkRunId: run.id, workflowId: workflowIds.bulkRun(run.id) };
  }

  /** Those of `ids` (in their order) for which `exists` (a query on `t.id`, the id as text) finds no row. */
  private async unknown(ids: string[], exists: string, params: unknown[] = []): Promise<string[]> {
    const rows = await this.em.execute<Array<{ id: string }>>(
      `select t.id from jsonb_array_elements_text(?::jsonb) with ordinality as t(id, n)
        where not exists (${exists}) order by t.n`,
      [JSON.stringify(ids), ...params],
    );
    return rows.map((row) => row.id);
  }

  list(query: BulkRunQuery) {
    return this.em.findAndCount(BulkRun, query.status ? { status: query.status } : {}, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      ...pageWindow(query),
    });
  }

  async get(id: string) {
    const run = await findOr404(this.em, BulkRun, id, {}, 'Bulk run');
    const failures = await this.em.find(
      BulkRunItem,
      { bulkRun: run, status: 'Failed' },
      { orderBy: { seq: 'asc' }, limit: 1000 },
    );
    return { run, failures };
  }

  /** The credentials a finished print run printed, merged in the order they were asked for. */
  async printDocument(id: string): Promise<MergedPdf> {
    const ids = await this.printedCredentialIds(id);
    if (!ids.length) throw new ConflictException(`Bulk run ${id} printed nothing: every item failed`);
    return mergeDocuments(this.em, ids);
  }

  private async printedCredentialIds(id: string): Promise<string[]> {
    const run = await findOr404(this.em, BulkRun, id, {}, 'Bulk run');
    if (run.action !== 'print')
      throw new BadRequestException(`Bulk run ${id} is a ${run.action} run: only print runs have a document`);
    if (run.status !== 'Completed')
      throw new ConflictException(
        `Bulk run ${id} is still Running: ${run.total - run.succeeded - run.failed} items pending`,
      );
    const items = await this.em.find(
      BulkRunItem,
      { bulkRun: run, status: 'Succeeded' },
      { orderBy: { seq: 'asc' }, fields: ['targetId'] },
    );
    return items.map((item) => item.targetId);
  }
}
