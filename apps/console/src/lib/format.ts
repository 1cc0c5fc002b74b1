const dateFormat = new Intl.DateTimeFormat('en-AU', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const timeFormat = new Intl.DateTimeFormat('en-AU', { dateStyle: 'medium', timeStyle: 'short' });

/** 2026-11-29 → 29 Nov 2026 (calendar dates carry no time zone: read them as UTC). */
export const formatDate = (date: string | null | undefined) =>
  date ? dateFormat.format(new Date(`${date.slice(0, 10)}T00:00:00Z`)) : '—';

export const formatTime = (at: string | null | undefined) => (at ? timeFormat.format(new Date(at)) : '—');

export const today = () => new Date().toISOString().slice(0, 10);
