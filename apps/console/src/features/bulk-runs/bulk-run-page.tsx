import { Link, useParams } from 'react-router';
import { ErrorMessage, Loading, StatusBadge } from '../../components/feedback';
import { Page } from '../../components/page';
import { formatTime } from '../../lib/format';
import { actionName, useBulkRun } from './api';
import { BulkRunProgress } from './bulk-run-progress';

/** One bulk run: its progress, its failures with their messages, its workflow, and (requests) its credentials. */
export function BulkRunPage() {
  const { bulkRunId = '' } = useParams();
  const run = useBulkRun(bulkRunId);
  if (run.isPending) return <Loading what="Loading the bulk run" />;
  if (!run.data) return <ErrorMessage error={run.error} title="Cannot show the bulk run" />;
  const { action, status, total, startedAt, finishedAt, workflowId, workflowUrl } = run.data;
  const name = actionName(action);
  return (
    <Page
      title={`Bulk run · ${name}`}
      actions={
        workflowUrl && (
          <a className="button secondary" href={workflowUrl} target="_blank" rel="noopener noreferrer">
            Open in Temporal UI
          </a>
        )
      }
    >
      <dl className="facts">
        <dt>Action</dt>
        <dd>{name}</dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={status} />
        </dd>
        <dt>Items</dt>
        <dd>{total}</dd>
        <dt>Started</dt>
        <dd>{formatTime(startedAt)}</dd>
        <dt>Finished</dt>
        <dd>{formatTime(finishedAt)}</dd>
        <dt>Workflow</dt>
        <dd className="mono">{workflowId}</dd>
      </dl>
      {action === 'request' && (
        <p>
          <Link to={`/register?bulkRunId=${bulkRunId}`}>The credentials this run requested, in the register</Link>
        </p>
      )}
      <h2>Progress</h2>
      <BulkRunProgress id={bulkRunId} label={`${name} progress`} />
    </Page>
  );
}
