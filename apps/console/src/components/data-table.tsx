import type { ReactNode } from 'react';

export type Column = ReactNode | { label: ReactNode; numeric: true };

/**
 * A table that scrolls inside its frame on a narrow screen (the page never scrolls sideways), with a caption for
 * screen readers and `<th scope="col">` headings; `children` are its body rows.
 */
export function DataTable({
  caption,
  columns,
  className,
  children,
}: {
  caption: string;
  columns: Column[];
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className={className}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) =>
              column && typeof column === 'object' && 'numeric' in column ? (
                <th key={i} scope="col" className="num">
                  {column.label}
                </th>
              ) : (
                <th key={i} scope="col">
                  {column}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
