import { Link } from 'react-router';
import { PracticeBadge, StatusBadge } from '../../components/feedback';
import type { Selection } from '../../components/selection';
import { formatDate } from '../../lib/format';
import { words } from '../../lib/words';
import type { RegisterItem } from './api';

/** The register's rows; with `selection`, a tick box a row and Select all for the page. */
export function RegisterTable({
  rows,
  selection,
  busy,
}: {
  rows: RegisterItem[];
  selection?: Selection;
  busy: boolean;
}) {
  const ids = rows.map((row) => row.id);
  const allTicked = ids.length > 0 && ids.every((id) => selection?.has(id));
  return (
    <div className="table-wrap">
      <table aria-busy={busy} aria-label="Credentials">
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="tick">
                <input
                  id="tick-all"
                  type="checkbox"
                  checked={allTicked}
                  disabled={!ids.length}
                  onChange={(event) => selection.setAll(ids, event.target.checked)}
                />
                <label htmlFor="tick-all" className="visually-hidden">
                  Select all
                </label>
              </th>
            )}
            <th scope="col">Number</th>
            <th scope="col">Learner</th>
            <th scope="col">Template</th>
            <th scope="col">Type</th>
            <th scope="col">Credential date</th>
            <th scope="col">Status</th>
            <th scope="col">Email</th>
            <th scope="col">Printed</th>
            <th scope="col">Issuing officer</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {selection && (
                <td className="tick">
                  <input
                    id={`tick-${row.id}`}
                    type="checkbox"
                    checked={selection.has(row.id)}
                    onChange={() => selection.toggle(row.id)}
                  />
                  <label htmlFor={`tick-${row.id}`} className="visually-hidden">
                    Select {row.learner.fullName} ({row.number})
                  </label>
                </td>
              )}
              <td className="nowrap">
                <Link to={`/credentials/${row.id}`}>{row.number}</Link> <PracticeBadge practice={row.practice} />
                {row.overdue && <span className="badge overdue">Overdue</span>}
              </td>
              <td>
                <Link to={`/learners/${row.learner.id}/credentials`}>{row.learner.fullName}</Link>
              </td>
              <td>{row.template.name}</td>
              <td>{row.type}</td>
              <td className="nowrap">{formatDate(row.credentialDate)}</td>
              <td>
                <StatusBadge status={row.status} />
              </td>
              <td>{words(row.emailStatus)}</td>
              <td className="nowrap">{row.printedAt ? formatDate(row.printedAt) : 'No'}</td>
              <td>{row.issuingOfficer?.name ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
