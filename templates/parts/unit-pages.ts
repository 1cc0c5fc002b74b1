import type { SnapshotUnit } from '../../domain/credentials/snapshot';
import { formatLongDate } from '../format';

export type UnitTableColumn = 'code' | 'title' | 'outcome' | 'date';

/** Relative column widths. */
export const unitColumnShares: Record<UnitTableColumn, number> = { code: 1.25, title: 3.8, outcome: 2.5, date: 1.75 };
export const cellLineHeight = 1.25;
export const cellPaddingRight = 6;
/** A row's padding above and below plus its rule. */
const rowPadding = 6.5;

export function cellText(unit: SnapshotUnit, column: UnitTableColumn): string {
  if (column === 'outcome') return [unit.outcome, unit.outcomeLabel].filter(Boolean).join(' ');
  if (column === 'date') return formatLongDate(unit.date);
  return unit[column];
}

/**
 * Lines a text takes in a column: wide (CJK) characters about 1 em, others counted at 0.58 em, more than Helvetica's
 * average, so the estimate errs towards fewer rows a page rather than a page that overflows.
 */
export function estimatedLines(text: string, widthPt: number, fontSize: number): number {
  const ems = [...text].reduce((sum, c) => sum + (c.codePointAt(0)! >= 0x1100 ? 1 : 0.58), 0);
  const usable = Math.max(widthPt - cellPaddingRight, fontSize);
  return Math.max(1, Math.ceil((ems * fontSize) / usable));
}

export interface TableShape {
  columns: UnitTableColumn[];
  width: number;
  fontSize: number;
}

export const headingHeight = (fontSize: number) => fontSize * cellLineHeight + 6;

export function rowHeight(unit: SnapshotUnit, { columns, width, fontSize }: TableShape): number {
  const total = columns.reduce((sum, c) => sum + unitColumnShares[c], 0);
  const lines = columns.map((c) => estimatedLines(cellText(unit, c), (width * unitColumnShares[c]) / total, fontSize));
  return Math.max(...lines) * fontSize * cellLineHeight + rowPadding;
}

/**
 * Cuts the units into page-sized pieces (`first` and `others`: the height for rows on the first and on later pages,
 * heading excluded). `closing` is the height of what follows the table on the last page (signature, QR code): when it
 * does not fit under the last rows, the last row moves to a new page with it, so no page holds a closing alone.
 * Laying out pages ourselves is much cheaper than asking react-pdf to break a long table with unbreakable rows, and
 * every page gets the table heading.
 */
export function unitPages(
  units: SnapshotUnit[],
  shape: TableShape,
  rooms: { first: number; others: number },
  closing = 0,
): SnapshotUnit[][] {
  const pages: SnapshotUnit[][] = [];
  let current: SnapshotUnit[] = [];
  let used = 0;
  const roomOf = (page: number) => (page === 0 ? rooms.first : rooms.others);
  for (const unit of units) {
    const height = rowHeight(unit, shape);
    if (current.length && used + height > roomOf(pages.length)) {
      pages.push(current);
      current = [];
      used = 0;
    }
    current.push(unit);
    used += height;
  }
  if (current.length > 1 && used + closing > roomOf(pages.length)) {
    pages.push(current.slice(0, -1));
    current = current.slice(-1);
  }
  if (current.length || pages.length === 0) pages.push(current);
  return pages;
}
