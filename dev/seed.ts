import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../domain/orm-config';
import { Course, CourseEnrolment, CourseOffer, IssuingOfficer, Learner, Organisation } from '../domain/entities';

const demoLearners = [
  ['Ava', 'Nguyen', '1994-03-12'],
  ['Liam', "O'Brien", '1988-07-30'],
  ['Mia', 'Papadopoulos', '2001-11-05'],
  ['Noah', 'Williams', '1979-01-22'],
  ['Zoë', 'Kowalski', '1996-09-17'],
] as const;

/** Demo data for a first look, written once: a database that already has an organisation is left alone. */
export async function seedDemoData(databaseUrl: string): Promise<boolean> {
  const orm = await MikroORM.init(ormConfig(databaseUrl, { poolMax: 2 }));
  try {
    const em = orm.em.fork();
    if (await em.count(Organisation, {})) return false;
    em.create(Organisation, { name: 'Demo Training Institute', rtoCode: '90001' });
    em.create(IssuingOfficer, { name: 'Jordan Lee', position: 'Chief Executive Officer' });
    const course = em.create(Course, { code: 'FA-101', name: 'Provide First Aid' });
    const offer = em.create(CourseOffer, {
      course,
      startDate: '2026-11-02',
      endDate: '2026-11-06',
      location: 'Melbourne',
    });
    demoLearners.forEach(([givenName, familyName, dateOfBirth], i) => {
      const learner = em.create(Learner, {
        givenName,
        familyName,
        dateOfBirth,
        email: `${givenName
          .toLowerCase()
          .normalize('NFD')
          .replace(/[^a-z]/g, '')}.${i + 1}@example.com`,
      });
      em.create(CourseEnrolment, { courseOffer: offer, learner, status: 'Completed', completionDate: '2026-11-06' });
    });
    await em.flush();
    return true;
  } finally {
    await orm.close();
  }
}
