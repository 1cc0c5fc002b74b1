import type { CredentialSnapshot, SnapshotUnit } from '../../domain/credentials/snapshot';

/** A course credential's one "unit": the course itself, completed on its completion date. */
function courseAsUnit(course: NonNullable<CredentialSnapshot['course']>, date: string): SnapshotUnit {
  return { code: course.code, title: course.name, outcome: '', outcomeLabel: 'Completed', achieved: true, date };
}

/** The units a statement attests: the achieved ones; for a course credential, the course. */
export function achievedUnits(snapshot: CredentialSnapshot): SnapshotUnit[] {
  if (snapshot.qualification) return snapshot.units.filter((u) => u.achieved);
  const { course } = snapshot;
  return course ? [courseAsUnit(course, course.completionDate ?? course.endDate)] : [];
}

/** Every result a record lists; for a course credential, the course once it is completed. */
export function allResults(snapshot: CredentialSnapshot): SnapshotUnit[] {
  if (snapshot.qualification) return snapshot.units;
  const { course } = snapshot;
  return course?.completionDate ? [courseAsUnit(course, course.completionDate)] : [];
}
