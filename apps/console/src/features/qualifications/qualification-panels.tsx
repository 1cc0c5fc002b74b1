import { useEffect, useRef, type ReactNode } from 'react';
import { BulkRunProgress } from '../bulk-runs/bulk-run-progress';
import { useRunCompleted } from '../bulk-runs/use-run-completed';
import { useRefreshEnrolments } from './api';

/** The request form, above the table: it takes the focus when it opens, so the keyboard is where the form is. */
export function RequestPanel({
  title,
  onCancel,
  children,
}: {
  title: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel" aria-labelledby="request-heading">
      <h2 id="request-heading" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
      <button type="button" className="secondary" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}

/** Audit all's progress; when it finishes the statuses and audits on screen are read again. */
export function AuditAllProgress({ id, onHide }: { id: string; onHide: () => void }) {
  return (
    <section className="panel" aria-labelledby="audit-run-heading">
      <h2 id="audit-run-heading">Audit all</h2>
      <RefreshWhenDone id={id} />
      <BulkRunProgress id={id} label="Audit all" />
      <button type="button" className="secondary" onClick={onHide}>
        Hide
      </button>
    </section>
  );
}

export function RefreshWhenDone({ id }: { id: string }) {
  const refresh = useRefreshEnrolments();
  useRunCompleted(id, refresh);
  return null;
}
