import type { ReactNode } from 'react';
import { ErrorMessage, ProgressBar } from '../../components/feedback';
import { useBulkRun } from './api';

/**
 * A bulk run's live progress with its failures listed; `whenComplete` shows once it has finished. `nameOf` names a
 * failure's target (a learner, say) where the screen knows it.
 */
export function BulkRunProgress({
  id,
  label,
  whenComplete,
  nameOf,
}: {
  id: string;
  label: string;
  whenComplete?: ReactNode;
  nameOf?: (targetId: string) => string | undefined;
}) {
  const run = useBulkRun(id);
  if (run.isError) return <ErrorMessage error={run.error} title="Cannot follow the run" />;
  if (!run.data) return <p role="status">Starting…</p>;
  const { total, succeeded, failed, status, failures } = run.data;
  return (
    <section className="bulk-progress" aria-label={label}>
      <ProgressBar label={label} done={succeeded + failed} total={total} />
      <p role="status">
        {status === 'Completed' ? 'Completed' : 'Running'}: {succeeded} succeeded, {failed} failed
        {status === 'Running' && `, ${total - succeeded - failed} to go`}.
      </p>
      {failures.length > 0 && (
        <>
          <h3>Failures</h3>
          <ul className="failures">
            {failures.map((failure) => (
              <li key={failure.targetId}>
                {nameOf?.(failure.targetId) && <strong>{nameOf(failure.targetId)}: </strong>}
                {failure.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {status === 'Completed' && whenComplete}
    </section>
  );
}
