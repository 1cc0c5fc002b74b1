import { Link } from 'react-router';
import { useUrlParams } from '../../components/url-state';
import { ErrorMessage, Loading, ProgressBar, StatusBadge } from '../../components/feedback';
import { Page } from '../../components/page';
import { Pagination } from '../../components/pagination';
import { TableFrame } from '../../components/table-frame';
import { formatTime } from '../../lib/format';
import { actionName, useBulkRuns } from './api';
import './bulk-runs.css';

/** Every bulk run, newest first: what it did, how far it got, and its workflow in the Temporal UI. */
export function BulkRunsPage() {
  const [search, updateParams] = useUrlParams();
  const page = Math.max(1, Math.floor(Number(search.get('page'))) || 1);
  const status = search.get('status') ?? '';
  const runs = useBulkRuns(page, status || undefined);

  /** A status change starts again at page 1. */
  function update(name: string, value: string) {
    updateParams(name === 'page' ? { page: value } : { [name]: value, page: null });
  }

  return (
    <Page title="Bulk runs">
      <div className="filters">
        <div>
          <label htmlFor="runs-status">Status</label>
          <select id="runs-status" value={status} onChange={(event) => update('status', event.target.value)}>
            <option value="">Any</option>
            <option value="Running">Running</option>
            <option value="Completed">Completed</option>
          </select>
        </div>
      </div>
      {runs.isPending ? (
        <Loading what="Loading bulk runs" />
      ) : !runs.data ? (
        <ErrorMessage error={runs.error} title="Cannot show the bulk runs" />
      ) : (
        <>
          <ErrorMessage error={runs.error} title="Cannot refresh" />
          {runs.data.items.length === 0 ? (
            <p role="status">No bulk runs{status ? ` ${status.toLowerCase()}` : ''}.</p>
          ) : (
            <TableFrame
              aria-label="Bulk runs"
              columns={['Action', 'Status', 'Progress', 'Started', 'Finished', 'Workflow']}
            >
              {runs.data.items.map((run) => (
                <tr key={run.id}>
                  <td>
                    <Link to={`/bulk-runs/${run.id}`}>{actionName(run.action)}</Link>
                  </td>
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <td className="runs-progress">
                    <ProgressBar
                      label={`${actionName(run.action)} started ${formatTime(run.startedAt)}`}
                      done={run.succeeded + run.failed}
                      total={run.total}
                    />
                    {run.failed > 0 && <span className="failures">{run.failed} failed</span>}
                  </td>
                  <td className="nowrap">{formatTime(run.startedAt)}</td>
                  <td className="nowrap">{formatTime(run.finishedAt)}</td>
                  <td>
                    {run.workflowUrl ? (
                      <a href={run.workflowUrl} target="_blank" rel="noopener noreferrer" className="mono">
                        {run.workflowId}
                      </a>
                    ) : (
                      <span className="mono">{run.workflowId}</span>
                    )}
                  </td>
                </tr>
              ))}
            </TableFrame>
          )}
          <Pagination
            page={runs.data.page}
            pageSize={runs.data.pageSize}
            total={runs.data.total}
            onPage={(next) => update('page', next > 1 ? String(next) : '')}
          />
        </>
      )}
    </Page>
  );
}
