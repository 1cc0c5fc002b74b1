import { useState, type FormEvent, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorMessage, Notice } from '../../components/feedback';
import { api } from '../../lib/api';
import { useCan } from '../../lib/access';
import { openInNewTab } from '../../lib/open-in-tab';
import { unavailable, type ActionKind, type Credential } from './api';

const labels: Record<ActionKind, string> = {
  issue: 'Issue',
  email: 'Email',
  print: 'Print',
  regenerate: 'Regenerate',
  cancel: 'Cancel',
  delete: 'Delete',
};

/**
 * The register's actions for this one credential (issuers only; other roles see none). An action the status does not
 * allow is not offered, and the list under the buttons says why it is missing.
 */
export function CredentialActions({
  credential,
  onRegenerate,
}: {
  credential: Credential;
  onRegenerate: (fromVersion: number) => void;
}) {
  const canIssue = useCan('issuer');
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<'email' | 'cancel' | 'delete' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!canIssue) return null;

  const path = `/credentials/${credential.id}`;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['credential', credential.id] });

  async function run(what: () => Promise<unknown>, message: string) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await what();
      setOpen(null);
      setDone(message);
      await refresh();
      void queryClient.invalidateQueries({ queryKey: ['register'] });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const kinds: ActionKind[] = ['issue', 'email', 'print', 'regenerate', 'cancel', 'delete'];
  const missing = kinds.map((kind) => [kind, unavailable(kind, credential)] as const).filter(([, why]) => why);
  const can = (kind: ActionKind) => !unavailable(kind, credential);
  const button = (kind: ActionKind, onClick: () => void, className?: string): ReactNode =>
    can(kind) && (
      <button type="button" className={className} disabled={busy} onClick={onClick}>
        {labels[kind]}
        {['email', 'cancel', 'delete'].includes(kind) ? '…' : ''}
      </button>
    );

  function email(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const to = String(new FormData(event.currentTarget).get('to') ?? '').trim();
    void run(
      () => api.post(`${path}/email`, to ? { to } : {}),
      `Sending the email to ${to || credential.learner.email}.`,
    );
  }
  function cancel(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    void run(() => api.post(`${path}/cancel`, { reason }), 'Cancelled.');
  }
  function regenerate() {
    onRegenerate(credential.document?.version ?? 0);
    void run(() => api.post(`${path}/regenerate`), 'Regenerating: the new version shows here when it is ready.');
  }

  return (
    <section aria-labelledby="actions-heading" className="panel credential-actions">
      <h2 id="actions-heading">Actions</h2>
      <div className="buttons">
        {button('issue', () => void run(() => api.post(`${path}/issue`), 'Issued.'))}
        {button('email', () => setOpen('email'))}
        {button('print', () => void run(() => openInNewTab(() => api.pdf('POST', `${path}/print`)), 'Printed.'))}
        {button('regenerate', regenerate)}
        {button('cancel', () => setOpen('cancel'), 'secondary')}
        {button('delete', () => setOpen('delete'), 'secondary')}
      </div>
      {missing.length > 0 && (
        <ul className="reasons" aria-label="Actions not available">
          {missing.map(([kind, why]) => (
            <li key={kind}>
              {labels[kind]} is not available: {why}.
            </li>
          ))}
        </ul>
      )}

      {open === 'email' && can('email') && (
        <form className="request-form" onSubmit={email} aria-label="Email the credential">
          <label htmlFor="email-to">Send to another address (optional)</label>
          <input id="email-to" name="to" type="email" placeholder={credential.learner.email} autoFocus />
          <p className="hint">Left blank, it goes to the learner: {credential.learner.email}.</p>
          <div className="buttons">
            <button type="submit" disabled={busy}>
              Send email
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(null)}>
              Back
            </button>
          </div>
        </form>
      )}
      {open === 'cancel' && can('cancel') && (
        <form className="request-form" onSubmit={cancel} aria-label="Cancel the credential">
          <label htmlFor="cancel-reason">Reason for cancelling</label>
          <input id="cancel-reason" name="reason" required maxLength={500} autoFocus />
          <div className="buttons">
            <button type="submit" className="danger" disabled={busy}>
              Cancel credential
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(null)}>
              Keep it
            </button>
          </div>
        </form>
      )}
      {open === 'delete' && can('delete') && (
        <div role="group" aria-label="Delete the credential">
          <p>Delete {credential.number}? It is kept in the history but leaves the register.</p>
          <div className="buttons">
            <button
              type="button"
              className="danger"
              disabled={busy}
              autoFocus
              onClick={() =>
                void run(() => api.delete(path), 'Deleted: it stays in the history and leaves the register.')
              }
            >
              Delete credential
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(null)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      <ErrorMessage error={error} title="Not done" />
      {done && <Notice>{done}</Notice>}
    </section>
  );
}
