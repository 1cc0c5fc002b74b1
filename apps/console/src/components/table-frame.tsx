import type { ReactNode, TableHTMLAttributes } from 'react';

/**
 * A table that scrolls sideways inside its frame (never the page), with one column header (`<th scope="col">`) a
 * column; `children` are its body rows.
 */
export function TableFrame({
  columns,
  children,
  ...table
}: { columns: ReactNode[]; children: ReactNode } & TableHTMLAttributes<HTMLTableElement>) {
  return (
    <div className="table-wrap">
      <table {...table}>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th scope="col" key={typeof column === 'string' ? column : i}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
