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

/**
 * A qualification of two core units and a learner enrolled in it with both achieved, audited Ready to be Requested,
 * through the real API; `learner` overrides the learner's fields.
 */
export async function readyQualificationEnrolment(system: RunningSystem, learner: Record<string, unknown> = {}) {
  const t = unique().slice(0, 6);
  const [a, b] = [`C${t}A`, `C${t}B`];
  await system.call('POST', '/units', { body: { units: [a, b].map((code) => ({ code, title: `Unit ${code}` })) } });
  const qualification = expectStatus(
    await system.call('POST', '/qualifications', {
      body: {
        code: `CMP${t}`,
        title: `Certificate III in Compliance ${t}`,
        packagingRules: {
          totalUnits: 2,
          core: [a, b],
          electives: { count: 0, groups: [], listed: [], importedMax: 0 },
        },
      },
    }),
    201,
  );
  const person = expectStatus(
    await system.call('POST', '/learners', {
      body: {
        givenName: 'Noor',
        familyName: `Audit${t}`,
        dateOfBirth: '1992-04-05',
        email: `n${t.toLowerCase()}@example.com`,
        usi: randomUsi(),
        usiVerified: true,
        ...learner,
      },
    }),
    201,
  );
  const enrolment = expectStatus(
    await system.call('POST', '/qualification-enrolments', {
      body: { learnerId: person.id, qualificationId: qualification.id },
    }),
    201,
  );
  for (const unit of [a, b]) {
    expectStatus(
      await system.call('PUT', `/qualification-enrolments/${enrolment.id}/unit-results/${unit}`, {
        body: { outcome: '20', date: '2026-11-01' },
      }),
      200,
    );
  }
  expectStatus(await system.call('POST', `/qualification-enrolments/${enrolment.id}/audit`), 200);
  return { qualification, learner: person, enrolment };
}
