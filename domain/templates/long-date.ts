const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-11-29" -> "29 November 2026": the long Australian form, unambiguous on paper. */
export function formatLongDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const name = months[(month ?? 0) - 1];
  if (!year || !name || !day) throw new Error(`Not a YYYY-MM-DD date: "${isoDate}"`);
  return `${day} ${name} ${year}`;
}
