import { randomBytes } from 'node:crypto';
import type { RunningSystem } from './system';
import { randomUsi } from '../../domain/learners/usi';

export const certificateOfCompletion = '00000000-0000-4000-8000-000000000004';
export const testamur = '00000000-0000-4000-8000-000000000001';

const unique = () => randomBytes(4).toString('hex').toUpperCase();

function expectStatus<T>(answer: { status: number; body: T }, status: number): T {
  if (answer.status !== status)
    throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A course offer with one learner per name, each Completed, through the real API. */
export async function courseWithLearners(
  system: RunningSystem,
  names: Array<[string, string]>,
  courseName = 'Provide First Aid',
) {
  await system.call('PUT', '/organisation', { body: { name: 'Test Training Institute', rtoCode: '91234' } });
  const course = expectStatus(
    await system.call('POST', '/courses', { body: { code: `C-${unique()}`, name: courseName } }),
    201,
  );
  const offer = expectStatus(
    await system.call('POST', '/course-offers', {
      body: { courseId: course.id, startDate: '2026-10-01', endDate: '2026-10-31' },
    }),
    201,
  );
  const enrolments = [];
  for (const [givenName, familyName] of names) {
    const learner = expectStatus(
      await system.call('POST', '/learners', {
        body: { givenName, familyName, dateOfBirth: '1990-05-17', email: `${unique().toLowerCase()}@example.com` },
      }),
      201,
    );
    enrolments.push(
      expectStatus(
        await system.call('POST', `/course-offers/${offer.id}/enrolments`, {
          body: { learnerId: learner.id, status: 'Completed', completionDate: '2026-10-31' },
        }),
        201,
      ),
    );
  }
  return { course, offer, enrolments };
}

/** Requests a certificate of completion for every enrolment given, as one bulk run; the API's answer. */
export function requestInBulk(system: RunningSystem, offerId: string, enrolments: Array<{ id: string }>) {
  return system.call('POST', `/course-offers/${offerId}/credential-requests`, {
    body: {
      templateId: certificateOfCompletion,
      credentialDate: '2026-11-25',
      enrolmentIds: enrolments.map((e) => e.id),
    },
  });
}

export { expectStatus };

export { randomUsi };

/** One more learner in an offer: Enrolled unless told otherwise (a completionDate with status Completed). */
export async function enrolLearner(
  system: RunningSystem,
  offerId: string,
  [givenName, familyName]: [string, string],
  enrolment: { status?: 'Enrolled' | 'Completed' | 'Withdrawn'; completionDate?: string } = {},
) {
  const learner = expectStatus(
    await system.call('POST', '/learners', {
      body: { givenName, familyName, dateOfBirth: '1991-02-03', email: `${unique().toLowerCase()}@example.com` },
    }),
    201,
  );
  return expectStatus(
    await system.call('POST', `/course-offers/${offerId}/enrolments`, {
      body: { learnerId: learner.id, ...enrolment },
    }),
    201,
  );
}
