import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CourseEnrolment, CourseOffer } from '../../../../domain/entities';
import { courseRequestFacts, type CourseRequestFactsRow } from '../../../../domain/credentials/course-request.sql';
import { templateRefusal } from '../../../../domain/credentials/request-course-credential';
import { runQuery } from '../../../../domain/prepared-query';
import { findOr404 } from '../../common/find';
import { pageWindow } from '../../common/pagination';
import { toHttpError } from '../../credentials/request-refusal';
import type { EnrolmentCredentialRow, EnrolmentListQuery, EnrolmentsWithFacts } from './offer-enrolments.dto';

/**
 * GET /course-offers/:id/enrolments: each enrolment with its credentials and whether a credential may be requested
 * for it now. The checks are the request's own (courseRequestFacts and the rules of course-readiness.ts), so the
 * list and POST /course-offers/:id/credential-requests agree.
 */
@Injectable()
export class OfferEnrolmentsService {
  constructor(private readonly em: EntityManager) {}

  async list(offerId: string, query: EnrolmentListQuery): Promise<EnrolmentsWithFacts> {
    await findOr404(this.em, CourseOffer, offerId, {}, 'Course offer');
    const [enrolments, total] = await this.em.findAndCount(
      CourseEnrolment,
      { courseOffer: offerId },
      {
        populate: ['learner', 'courseOffer'],
        orderBy: { learner: { familyName: 'asc', givenName: 'asc' }, id: 'asc' },
        ...pageWindow(query),
      },
    );
    const ids = enrolments.map((enrolment) => enrolment.id);
    const rows = await runQuery<CourseRequestFactsRow>(this.em, courseRequestFacts, [
      JSON.stringify(ids),
      query.templateId ?? null,
      null,
    ]);
    if (query.templateId) {
      const refused = templateRefusal(rows[0], query.templateId);
      if (refused) throw toHttpError(refused);
    }
    const credentials = ids.length
      ? await this.em.execute<EnrolmentCredentialRow[]>(
          `select c.id, c.number, c.status, c.template_id, t.name as template_name, c.course_enrolment_id
             from credential c join credential_template t on t.id = c.template_id
            where c.course_enrolment_id in (?) and c.deleted_at is null
            order by c.created_at, c.number`,
          [ids],
        )
      : [];
    return { enrolments, total, facts: new Map(rows.map((row) => [row.enrolment_id!, row])), credentials };
  }
}
