/**
 * The dummy data of a practice course offer (POST /practice/course-offers): one shared practice course, and five
 * learners whose names, example.com addresses and random (valid, verified) USIs say they are no one.
 */
export const practiceCourse = { code: 'PRACTICE', name: 'Practice course (dummy data)' };

export const practiceLearnerNames: ReadonlyArray<[string, string]> = [
  ['Pat', 'Practice'],
  ['Sam', 'Sample'],
  ['Dee', 'Dummy'],
  ['Tess', 'Testing'],
  ['Max', 'Mockup'],
];

/** Where the practice offer says it runs. */
export const practiceLocation = 'Practice only: not a real course offer';

/** The offer's dates: the last five days, completed today. */
export function practiceDates(today: string): { startDate: string; endDate: string } {
  const start = new Date(`${today}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - 4);
  return { startDate: start.toISOString().slice(0, 10), endDate: today };
}
