import { Link } from 'react-router';
import { Page } from '../../components/page';
import { QueryState } from '../../components/query-state';
import { StatusBadge } from '../../components/feedback';
import { TableFrame } from '../../components/table-frame';
import { Pagination } from '../../components/pagination';
import { usePageParam } from '../../components/url-state';
import { queryString } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useOverdue, type OverdueItem } from './api';

/** Where to act on an overdue completion: the course enrolment's Credentials, or the qualification enrolments. */
function actionOf(item: OverdueItem): { to: string; label: string } {
  if (item.kind === 'course') return { to: `/course-enrolments/${item.enrolmentId}/credentials`, label: 'Credentials' };
  return {
    to: `/qualification-enrolments${queryString({ qualificationId: item.qualification?.id })}`,
    label: 'Qualification enrolments',
  };
}

const columns = ['Learner', 'Course or qualification', 'Completed on', 'Due by', 'Days overdue', 'Credential', 'Act'];

/** Completions still without an issued credential after the 30 days allowed, oldest first. */
export function OverduePage() {
  const [page, setPage] = usePageParam();
  const overdue = useOverdue(page);

  return (
    <Page title="Overdue">
      <p>
        Credentials must be issued within 30 days of completion; these completions have gone longer without one, oldest
        first.
      </p>
      <QueryState query={overdue} what="Loading overdue completions">
        {(result) =>
          result.total === 0 ? (
            <p>Nothing is overdue.</p>
          ) : (
            <>
              <TableFrame aria-label="Overdue completions, oldest first" columns={columns}>
                {result.items.map((item) => (
                  <OverdueRow key={`${item.kind}-${item.enrolmentId}`} item={item} />
                ))}
              </TableFrame>
              <Pagination page={page} pageSize={result.pageSize} total={result.total} onPage={setPage} />
            </>
          )
        }
      </QueryState>
    </Page>
  );
}

function OverdueRow({ item }: { item: OverdueItem }) {
  const action = actionOf(item);
  return (
    <tr>
      <td>
        <Link to={`/learners/${item.learner.id}/credentials`}>{item.learner.fullName}</Link>
      </td>
      <td>
        {item.kind === 'course' ? (
          <>
            <span className="mono">{item.course?.code}</span> {item.course?.name}
          </>
        ) : (
          <>
            <span className="mono">{item.qualification?.code}</span> {item.qualification?.title}
          </>
        )}
      </td>
      <td>{formatDate(item.completedOn)}</td>
      <td>{formatDate(item.dueBy)}</td>
      <td>{item.daysOverdue}</td>
      <td>
        {item.credential ? (
          <>
            <Link to={`/credentials/${item.credential.id}`}>{item.credential.number}</Link>{' '}
            <StatusBadge status={item.credential.status} />
          </>
        ) : (
          <span className="muted">None</span>
        )}
      </td>
      <td>
        <Link to={action.to}>
          {action.label}
          <span className="visually-hidden"> of {item.learner.fullName}</span>
        </Link>
      </td>
    </tr>
  );
}
