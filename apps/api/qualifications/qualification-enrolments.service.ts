import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Learner, Qualification, QualificationEnrolment, Unit, UnitResult } from '../../../domain/entities';
import type { AuditResult } from '../../../domain/qualifications/audit';
import { auditAndApply, auditOnly, RulesNotAuditableError } from '../../../domain/qualifications/audit-enrolment';
import { unitCodePattern } from '../../../domain/qualifications/packaging-rules';
import { findOr404 } from '../common/find';
import { pageWindow, type PageQuery } from '../common/pagination';
import { badRequest } from '../common/validation';
import { DataFixSignaller } from '../data-fix/data-fix.signaller';
import type { Principal } from '../auth/access.decorator';
import type {
  CreateQualificationEnrolmentDto,
  QualificationEnrolmentQuery,
  RecordUnitResultDto,
} from './qualifications.dto';

const label = 'Qualification enrolment';

/** Today in UTC plus one day: Australian RTOs are ahead of UTC, so "today" there may be tomorrow here. */
const latestAllowedDate = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

@Injectable()
export class QualificationEnrolmentsService {
  constructor(
    private readonly em: EntityManager,
    private readonly dataFix: DataFixSignaller,
  ) {}

  async enrol(dto: CreateQualificationEnrolmentDto): Promise<QualificationEnrolment> {
    const learner = await findOr404(this.em, Learner, dto.learnerId, {}, 'learnerId: learner');
    const qualification = await findOr404(
      this.em,
      Qualification,
      dto.qualificationId,
      {},
      'qualificationId: qualification',
    );
    const current = await this.em.findOne(QualificationEnrolment, {
      learner,
      qualification,
      status: { $ne: 'Withdrawn' },
    });
    if (current) {
      throw new ConflictException(
        `${learner.fullName} is already enrolled in ${qualification.code} (enrolment ${current.id}, status ${current.status})`,
      );
    }
    const enrolment = this.em.create(QualificationEnrolment, { learner, qualification });
    await this.em.flush();
    return enrolment;
  }

  get(id: string) {
    return findOr404(this.em, QualificationEnrolment, id, { populate: ['learner', 'qualification'] }, label);
  }

  list(query: QualificationEnrolmentQuery) {
    const where: FilterQuery<QualificationEnrolment> = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.qualificationId ? { qualification: query.qualificationId } : {}),
      ...(query.learnerId ? { learner: query.learnerId } : {}),
    };
    return this.em.findAndCount(QualificationEnrolment, where, {
      populate: ['learner', 'qualification'],
      orderBy: { createdAt: 'desc', id: 'asc' },
      ...pageWindow(query),
    });
  }

  /** Sets the enrolment's result for one unit: one row per enrolment and unit, replaced by a later PUT. */
  async recordResult(id: string, unitCode: string, dto: RecordUnitResultDto, actor: Principal): Promise<UnitResult> {
    if (!unitCodePattern.test(unitCode)) {
      throw badRequest([
        {
          field: 'unitCode',
          messages: ['unitCode in the path must be 3 to 20 capital letters and digits, e.g. BSBWHS411'],
        },
      ]);
    }
    if (dto.date > latestAllowedDate()) {
      throw badRequest([{ field: 'date', messages: ['date must not be in the future'] }]);
    }
    const enrolment = await findOr404(this.em, QualificationEnrolment, id, {}, label);
    const unit = await this.em.findOne(Unit, { code: unitCode });
    if (!unit) throw new NotFoundException(`Unit ${unitCode} not found: add it with POST /units first`);
    // One statement, so two PUTs for the same unit at once leave one row rather than a conflict.
    const [row] = await this.em.execute<Array<{ id: string }>>(
      `insert into "unit_result" ("id", "created_at", "updated_at", "qualification_enrolment_id", "unit_id", "outcome", "date")
       values (?, now(), now(), ?, ?, ?, ?)
       on conflict ("qualification_enrolment_id", "unit_id")
       do update set "outcome" = excluded."outcome", "date" = excluded."date", "updated_at" = now()
       returning "id"`,
      [randomUUID(), enrolment.id, unit.id, dto.outcome, dto.date],
    );
    await this.dataFix.printedDataChanged('qualification-enrolment', enrolment.id, actor);
    return this.em.findOneOrFail(UnitResult, { id: row!.id }, { populate: ['unit'], refresh: true });
  }

  async listResults(id: string, query: PageQuery) {
    await findOr404(this.em, QualificationEnrolment, id, {}, label);
    return this.em.findAndCount(
      UnitResult,
      { qualificationEnrolment: id },
      {
        populate: ['unit'],
        orderBy: { unit: { code: 'asc' } },
        ...pageWindow(query),
      },
    );
  }

  /** Audits now without touching the enrolment (its status stays as the last applied audit left it). */
  async auditWithoutApplying(id: string): Promise<AuditResult> {
    return auditOnly(this.em, await this.get(id)).catch(notAuditable);
  }

  /** Audits now and applies the outcome to the enrolment's status; 409 when the stored rules cannot be audited. */
  async audit(id: string): Promise<{ audit: AuditResult; enrolment: QualificationEnrolment }> {
    const outcome = await auditAndApply(this.em, id).catch(notAuditable);
    if (!outcome) throw new NotFoundException(`${label} ${id} not found`);
    return outcome;
  }
}

function notAuditable(err: unknown): never {
  throw err instanceof RulesNotAuditableError ? new ConflictException(err.message) : err;
}
