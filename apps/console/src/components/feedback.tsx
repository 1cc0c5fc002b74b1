import { ApiError } from '../lib/api';

/** An error in words, announced to screen readers; never swallowed. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const message =
    error instanceof ApiError || error instanceof Error ? error.message : 'Something went wrong. Please try again.';
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div role="alert" className="error">
      {title && <strong>{title}: </strong>}
      {message}
      {details.length > 0 && (
        <ul>
          {details.map((detail, i) => (
            <li key={i}>{detailText(detail)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function detailText(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (detail && typeof detail === 'object') {
    const { field, messages, message } = detail as { field?: string; messages?: string[]; message?: string };
    const text = messages?.join('; ') ?? message ?? JSON.stringify(detail);
    return field ? `${field}: ${text}` : text;
  }
  return String(detail);
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p role="status" className="muted">
      {what}…
    </p>
  );
}

export function Notice({ children }: { children: React.ReactNode }) {
  return (
    <p role="status" className="notice">
      {children}
    </p>
  );
}

export function ProgressBar({ label, done, total }: { label: string; done: number; total: number }) {
  const percent = total ? Math.round((done / total) * 100) : 0;
  return (
    <div className="progress">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total}`}
        className="progress-track"
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span>
        {done} of {total} ({percent}%)
      </span>
    </div>
  );
}

export function PracticeBadge({ practice }: { practice?: boolean }) {
  return practice ? <span className="badge practice">Practice</span> : null;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status.toLowerCase().replace(/[^a-z]+/g, '-')}`}>{status}</span>;
}
