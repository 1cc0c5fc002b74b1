import { Link } from 'react-router';
import { PracticeBadge, StatusBadge } from '../../components/feedback';
import { TableFrame } from '../../components/table-frame';
import type { Selection } from '../../components/selection';
import { formatDate } from '../../lib/format';
import type { EnrolmentCredential, OfferEnrolment } from './api';

/**
 * An offer's enrolments. With `selection` (people who may request), each row has a labelled checkbox: a row that cannot
 * be requested now cannot be ticked, and the reason beside it is the checkbox's description. A row ticked before a
 * template made it not ready stays tickable so it can be unticked (the request leaves it out and says so).
 */
export function EnrolmentsTable({ rows, selection }: { rows: OfferEnrolment[]; selection?: Selection }) {
  const ready = rows.filter((row) => row.canRequest).map((row) => row.id);
  const allTicked = ready.length > 0 && ready.every((id) => selection?.has(id));
  const selectAll = selection && (
    <>
      <input
        type="checkbox"
        id="select-all"
        checked={allTicked}
        disabled={ready.length === 0}
        onChange={(event) => selection.setAll(ready, event.target.checked)}
      />
      <label htmlFor="select-all" className="visually-hidden">
        Select all
      </label>
    </>
  );
  const columns = ['Learner', 'Status', 'Can request now?', 'Completed on', 'Credentials', 'Enrolment'];
  return (
    <TableFrame
      aria-label="Enrolments of this course offer"
      className="enrolments"
      columns={selectAll ? [selectAll, ...columns] : columns}
    >
      {rows.map((row) => {
        const reasonsId = `not-ready-${row.id}`;
        const ticked = selection?.has(row.id) ?? false;
        return (
          <tr key={row.id} className={ticked ? 'ticked' : undefined}>
            {selection && (
              <td>
                <input
                  type="checkbox"
                  id={`select-${row.id}`}
                  checked={ticked}
                  disabled={!row.canRequest && !ticked}
                  aria-describedby={row.canRequest ? undefined : reasonsId}
                  onChange={() => selection.toggle(row.id)}
                />
                <label htmlFor={`select-${row.id}`} className="visually-hidden">
                  Select {row.learner.fullName}
                </label>
              </td>
            )}
            <td>
              <Link to={`/learners/${row.learner.id}/credentials`}>{row.learner.fullName}</Link>{' '}
              <PracticeBadge practice={row.practice} />
            </td>
            <td>
              <StatusBadge status={row.status} />
            </td>
            <td>
              {row.canRequest ? (
                'Yes'
              ) : (
                <ul className="reasons" id={reasonsId}>
                  {row.notReady.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              )}
            </td>
            <td>{formatDate(row.completionDate)}</td>
            <td>
              <CredentialList credentials={row.credentials} />
            </td>
            <td>
              <Link to={`/course-enrolments/${row.id}/credentials`}>
                Credentials<span className="visually-hidden"> of {row.learner.fullName}’s enrolment</span>
              </Link>
            </td>
          </tr>
        );
      })}
    </TableFrame>
  );
}

function CredentialList({ credentials }: { credentials: EnrolmentCredential[] }) {
  if (credentials.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="plain">
      {credentials.map((credential) => (
        <li key={credential.id}>
          <Link to={`/credentials/${credential.id}`}>{credential.number}</Link> {credential.templateName}{' '}
          <StatusBadge status={credential.status} />
        </li>
      ))}
    </ul>
  );
}
