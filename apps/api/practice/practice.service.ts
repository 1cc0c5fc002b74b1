import { ConflictException, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { Course, CourseEnrolment, CourseOffer, Learner } from '../../../domain/entities';
import { utcToday } from '../../../domain/compliance/issue-deadline';
import { randomUsi } from '../../../domain/learners/usi';
import { workflowIds } from '../../../temporal/ids';
import { findOr404 } from '../common/find';
import { TemporalClient } from '../temporal/temporal-client';
import { practiceCourse, practiceDates, practiceLearnerNames, practiceLocation } from './practice-data';
import { removePracticeOfferSql, practiceOfferRows } from './practice.sql';

/** Practice data: a course offer of dummy learners to try requesting, issuing and printing on, and its removal. */
@Injectable()
export class PracticeService {
  private readonly logger = new Logger(PracticeService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalClient,
  ) {}

  /** A practice offer of the practice course, its five dummy learners enrolled and Completed today. */
  async createOffer(): Promise<{ offer: CourseOffer; enrolments: CourseEnrolment[] }> {
    return this.em.transactional(async (em) => {
      // The one practice course, made by whichever request first needs it (a course of that code is kept as it is).
      await em.execute(
        `insert into course (id, created_at, updated_at, code, name) values (gen_random_uuid(), now(), now(), ?, ?)
         on conflict (code) do nothing`,
        [practiceCourse.code, practiceCourse.name],
      );
      const course = await em.findOneOrFail(Course, { code: practiceCourse.code });
      const today = utcToday();
      const offer = em.create(CourseOffer, {
        course,
        ...practiceDates(today),
        location: practiceLocation,
        practice: true,
      });
      const batch = randomBytes(4).toString('hex');
      const enrolments = practiceLearnerNames.map(([givenName, familyName], i) => {
        const learner = em.create(Learner, {
          givenName,
          familyName,
          dateOfBirth: '2000-01-01',
          email: `practice-${batch}-${i + 1}@example.com`,
          usi: randomUsi(),
          usiVerified: true,
          practice: true,
        });
        return em.create(CourseEnrolment, { courseOffer: offer, learner, status: 'Completed', completionDate: today });
      });
      await em.flush();
      await em.populate(offer, ['course']);
      return { offer, enrolments };
    });
  }

  /**
   * Removes a practice offer with everything made on it: its credentials (documents, history, emails), enrolments and
   * dummy learners. Their workflows are terminated first, so none waits on rows that are gone. Real offers stay: 409.
   */
  async removeOffer(id: string): Promise<void> {
    const offer = await findOr404(this.em, CourseOffer, id, {}, 'Course offer');
    if (!offer.practice) {
      throw new ConflictException(
        `Only practice course offers can be removed: course offer ${id} is real, and its records are kept`,
      );
    }
    const { credentialIds, enrolmentIds, learnerIds, runningBulkRuns } = await practiceOfferRows(this.em, id);
    if (runningBulkRuns.length) {
      throw new ConflictException(
        `Bulk run ${runningBulkRuns[0]} is still Running on this practice course offer: wait until GET /bulk-runs/${runningBulkRuns[0]} says Completed, then remove it`,
      );
    }
    const work = [
      ...credentialIds.map(workflowIds.credential),
      ...enrolmentIds.map((enrolment) => workflowIds.dataFix('course-enrolment', enrolment)),
      ...learnerIds.map((learner) => workflowIds.dataFix('learner', learner)),
    ];
    try {
      const terminated = await this.temporal.workflows.terminateWork(work, `Practice course offer ${id} removed`);
      if (terminated.length) this.logger.log({ courseOfferId: id, terminated }, 'terminated practice workflows');
    } catch (err) {
      this.logger.warn({ courseOfferId: id, err }, 'could not terminate the practice workflows');
      throw new ServiceUnavailableException(
        `The practice course offer was not removed: its credentials' workflows could not be stopped (Temporal: ${(err as Error).message}); try again`,
      );
    }
    await this.em.transactional(async (em) => {
      for (const statement of removePracticeOfferSql) {
        await em.execute(
          statement,
          Array.from(statement.matchAll(/\?/g), () => id),
        );
      }
    });
  }
}
