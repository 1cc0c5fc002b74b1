import { Link } from 'react-router';
import { ErrorMessage, StatusBadge } from '../../components/feedback';
import { AuditDetails } from './audit-explanation';
import { auditable, useAuditEnrolment, useEnrolmentCredentials, type QualificationEnrolment } from './api';

/** One qualification enrolment: its learner, status, why it is not ready (audit), credentials and request icon. */
export function EnrolmentRow({
  enrolment,
  canRequest,
  ticked,
  onTick,
  auditOpen,
  onAuditOpen,
  onRequest,
}: {
  enrolment: QualificationEnrolment;
  canRequest: boolean;
  ticked: boolean;
  onTick: () => void;
  auditOpen: boolean;
  onAuditOpen: (open: boolean) => void;
  onRequest: () => void;
}) {
  const audit = useAuditEnrolment();
  const { learner, qualification } = enrolment;
  return (
    <tr>
      {canRequest && (
        <td>
          <label className="inline">
            <input type="checkbox" checked={ticked} onChange={onTick} />
            <span className="visually-hidden">Select {learner.fullName}</span>
          </label>
        </td>
      )}
      <td>
        <Link to={`/learners/${learner.id}/credentials`}>{learner.fullName}</Link>
      </td>
      <td>
        <Link to={`/qualifications/${qualification.id}/credentials`}>
          <span className="mono">{qualification.code}</span> {qualification.title}
        </Link>
      </td>
      <td>
        <StatusBadge status={enrolment.status} />
      </td>
      <td className="audit-cell">
        {auditable.has(enrolment.status) && (
          <AuditDetails enrolment={enrolment} open={auditOpen} onToggle={onAuditOpen} />
        )}
        {canRequest && auditable.has(enrolment.status) && (
          <button
            type="button"
            className="secondary"
            disabled={audit.isPending}
            onClick={() => audit.mutate(enrolment.id, { onSuccess: () => onAuditOpen(true) })}
          >
            Audit<span className="visually-hidden"> {learner.fullName}</span>
          </button>
        )}
        <ErrorMessage error={audit.error} title="Not audited" />
      </td>
      <td>
        <Credentials enrolment={enrolment} />
      </td>
      {canRequest && (
        <td>
          {enrolment.status === 'Ready to be Requested' && (
            <button type="button" className="icon-button" onClick={onRequest}>
              <RequestIcon /> Request Credential
              <span className="visually-hidden"> for {learner.fullName}</span>
            </button>
          )}
        </td>
      )}
    </tr>
  );
}

function Credentials({ enrolment }: { enrolment: QualificationEnrolment }) {
  const credentials = useEnrolmentCredentials(enrolment);
  if (credentials.isError) return <ErrorMessage error={credentials.error} />;
  if (!credentials.data) return <span className="muted">…</span>;
  if (credentials.data.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="credential-list">
      {credentials.data.map((credential) => (
        <li key={credential.id}>
          <Link to={`/credentials/${credential.id}`}>{credential.number}</Link> {credential.template.name}{' '}
          <StatusBadge status={credential.status} />
        </li>
      ))}
    </ul>
  );
}

/** The seed's "If Individual this can be the icon": a document with a plus. */
function RequestIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16" className="icon">
      <path d="M3 1.5h6l3 3v10H3z M9 1.5v3h3 M7.5 7v5 M5 9.5h5" fill="none" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}
