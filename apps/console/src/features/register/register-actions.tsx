import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ErrorMessage, Notice } from '../../components/feedback';
import { api, ApiError } from '../../lib/api';
import { useCan } from '../../lib/access';
import { openInNewTab } from '../../lib/open-in-tab';
import { count } from '../../lib/words';
import { BulkRunProgress } from '../bulk-runs/bulk-run-progress';
import { actionName, runCompleted, useBulkRun } from '../bulk-runs/api';
import type { RegisterItem } from './api';

type BulkAction = 'issue' | 'email' | 'print' | 'regenerate' | 'cancel';
type Confirming = 'cancel' | 'delete' | null;
interface Refusal {
  number: string;
  message: string;
}

/**
 * What can be done to the ticked credentials, by role: Merge Documents for requesters; Issue, Email, Print, Regenerate,
 * Cancel and Delete for issuers. The long ones run as a bulk run (its progress and failures shown here, `run` in the
 * URL so a reload keeps following it); Delete goes credential by credential and lists the refused ones.
 */
export function RegisterActions({
  ticked,
  run,
  onRun,
}: {
  ticked: RegisterItem[];
  run: string | undefined;
  onRun: (id: string | undefined) => void;
}) {
  const canIssue = useCan('issuer');
  const canMerge = useCan('requester');
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [deleted, setDeleted] = useState<{ done: number; refused: Refusal[] } | null>(null);
  const progress = useBulkRun(run);
  const refreshed = useRef<string | null>(null);

  // A finished run changed the credentials it touched: read the register again (once per run).
  useEffect(() => {
    if (run && progress.data?.status === 'Completed' && refreshed.current !== run) {
      refreshed.current = run;
      void queryClient.invalidateQueries({ queryKey: ['register'] });
    }
  }, [run, progress.data?.status, queryClient]);

  if (!canMerge) return null;
  const ids = ticked.map((row) => row.id);
  const none = ids.length === 0;

  function begin() {
    setError(null);
    setDeleted(null);
    setBusy(true);
  }

  async function start(action: BulkAction, reason?: string): Promise<string> {
    const answer = await api.post<{ bulkRunId: string }>('/credentials/actions', {
      action,
      credentialIds: ids,
      ...(reason ? { reason } : {}),
    });
    onRun(answer.bulkRunId);
    return answer.bulkRunId;
  }

  async function act(action: BulkAction, reason?: string) {
    begin();
    try {
      if (action === 'print') {
        // The tab opens inside the click; it shows the merged PDF once every credential is printed.
        await openInNewTab(async () => {
          const id = await start('print');
          await runCompleted(id);
          return api.pdf('GET', `/bulk-runs/${id}/document`);
        });
      } else await start(action, reason);
      setConfirming(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function merge() {
    begin();
    try {
      await openInNewTab(() => api.pdf('POST', '/credentials/merge', { credentialIds: ids }));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    begin();
    onRun(undefined);
    const refused: Refusal[] = [];
    let done = 0;
    for (const row of ticked) {
      try {
        await api.delete(`/credentials/${row.id}`);
        done += 1;
      } catch (caught) {
        const message = caught instanceof ApiError || caught instanceof Error ? caught.message : String(caught);
        refused.push({ number: row.number, message });
      }
      setDeleted({ done, refused: [...refused] });
    }
    setDeleted({ done, refused });
    setConfirming(null);
    setBusy(false);
    await queryClient.invalidateQueries({ queryKey: ['register'] });
  }

  function cancel(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    void act('cancel', reason);
  }

  const selected = count(ids.length, 'credential');
  return (
    <section aria-label="Actions on ticked credentials" className="register-actions">
      <div className="toolbar">
        <span aria-live="polite">{none ? 'Tick credentials to act on them.' : `${selected} ticked.`}</span>
        <button type="button" disabled={none || busy} onClick={() => void merge()}>
          Merge Documents
        </button>
        {canIssue && (
          <>
            {(['issue', 'email', 'print', 'regenerate'] as const).map((action) => (
              <button key={action} type="button" disabled={none || busy} onClick={() => void act(action)}>
                {actionName(action)}
              </button>
            ))}
            <button type="button" className="secondary" disabled={none || busy} onClick={() => setConfirming('cancel')}>
              Cancel…
            </button>
            <button type="button" className="secondary" disabled={none || busy} onClick={() => setConfirming('delete')}>
              Delete…
            </button>
          </>
        )}
      </div>

      {confirming === 'cancel' && !none && (
        <form className="panel" onSubmit={cancel} aria-label="Cancel credentials">
          <label htmlFor="cancel-reason">Reason for cancelling {selected}</label>
          <input id="cancel-reason" name="reason" required maxLength={500} autoFocus />
          <div className="buttons">
            <button type="submit" className="danger" disabled={busy}>
              Cancel {selected}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(null)}>
              Keep them
            </button>
          </div>
        </form>
      )}
      {confirming === 'delete' && !none && (
        <div className="panel" role="group" aria-label="Delete credentials">
          <p>
            Delete {selected}? Only credentials not yet issued can be deleted; each stays in the history. Issued ones
            are cancelled instead.
          </p>
          <div className="buttons">
            <button type="button" className="danger" disabled={busy} onClick={() => void remove()} autoFocus>
              Delete {selected}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(null)}>
              Keep them
            </button>
          </div>
        </div>
      )}

      <ErrorMessage error={error} title="Not done" />
      {deleted && (
        <>
          <Notice>{`${count(deleted.done, 'credential')} deleted.`}</Notice>
          {deleted.refused.length > 0 && (
            <div role="alert" className="error">
              <strong>Not deleted:</strong>
              <ul>
                {deleted.refused.map((refusal) => (
                  <li key={refusal.number}>
                    {refusal.number}: {refusal.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      {run && (
        <div className="panel">
          <h2>{progress.data ? actionName(progress.data.action) : 'Bulk run'}</h2>
          <BulkRunProgress
            id={run}
            label={`${progress.data ? actionName(progress.data.action) : 'Bulk run'} progress`}
            whenComplete={
              progress.data?.action === 'print' && progress.data.succeeded > 0 ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => void openInNewTab(() => api.pdf('GET', `/bulk-runs/${run}/document`)).catch(setError)}
                >
                  Open the printed PDF
                </button>
              ) : undefined
            }
          />
          <p className="buttons">
            <Link to={`/bulk-runs/${run}`}>Details of this run</Link>
            <button type="button" className="link" onClick={() => onRun(undefined)}>
              Close
            </button>
          </p>
        </div>
      )}
    </section>
  );
}
