import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CourseEnrolment, CourseOffer, Learner } from '../../../../domain/entities';
import { findOr404 } from '../../common/find';
import { badRequest } from '../../common/validation';
import type { CreateEnrolmentDto, UpdateEnrolmentDto } from './courses.dto';
import { DataFixSignaller } from '../../data-fix/data-fix.signaller';
import type { Principal } from '../../auth/access.decorator';

/** A Completed enrolment needs its completion date: certificates print it. */
function assertCompletion(enrolment: Pick<CourseEnrolment, 'status' | 'completionDate'>): void {
  if (enrolment.status === 'Completed' && !enrolment.completionDate) {
    throw badRequest([{ field: 'completionDate', messages: ['completionDate is required when status is Completed'] }]);
  }
}

@Injectable()
export class EnrolmentsService {
  constructor(
    private readonly em: EntityManager,
    private readonly dataFix: DataFixSignaller,
  ) {}

  async enrol(offerId: string, dto: CreateEnrolmentDto): Promise<CourseEnrolment> {
    const courseOffer = await findOr404(this.em, CourseOffer, offerId, {}, 'Course offer');
    const learner = await findOr404(this.em, Learner, dto.learnerId);
    const enrolment = this.em.create(CourseEnrolment, {
      courseOffer,
      learner,
      status: dto.status ?? 'Enrolled',
      completionDate: dto.completionDate ?? null,
    });
    assertCompletion(enrolment);
    await this.em.flush();
    return enrolment;
  }

  get(id: string) {
    return findOr404(this.em, CourseEnrolment, id, { populate: ['learner', 'courseOffer'] }, 'Course enrolment');
  }

  async update(id: string, dto: UpdateEnrolmentDto, actor: Principal): Promise<CourseEnrolment> {
    const enrolment = await this.get(id);
    const before = JSON.stringify([enrolment.status, enrolment.completionDate ?? null]);
    this.em.assign(enrolment, dto);
    assertCompletion(enrolment);
    await this.em.flush();
    if (JSON.stringify([enrolment.status, enrolment.completionDate ?? null]) !== before) {
      await this.dataFix.printedDataChanged('course-enrolment', enrolment.id, actor);
    }
    return enrolment;
  }
}
