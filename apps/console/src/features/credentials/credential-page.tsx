import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorMessage, Loading, PracticeBadge, StatusBadge } from '../../components/feedback';
import { Page } from '../../components/page';
import { TableFrame } from '../../components/table-frame';
import { useCan } from '../../lib/access';
import { formatDate, formatTime } from '../../lib/format';
import { openInNewTab } from '../../lib/open-in-tab';
import { formatBytes, words } from '../../lib/words';
import { previewLink, useCredential, useQualificationEnrolment, type Credential } from './api';
import { CredentialActions } from './credential-actions';
import { CredentialHistory } from './credential-history';
import './credential.css';

/**
 * One credential: its facts, what may be done to it now, every document version with its SHA-256, its emails and its
 * history; Preview opens the PDF in a tab through a signed link, and Open in Temporal UI shows its workflow.
 */
export function CredentialPage() {
  const { credentialId = '' } = useParams();
  // After Regenerate: the version the page waits to see replaced (it reads the credential again until then).
  const [regeneratedFrom, setRegeneratedFrom] = useState<number | null>(null);
  const query = useCredential(
    credentialId,
    (c) => regeneratedFrom !== null && (c.document?.version ?? 0) <= regeneratedFrom && c.status !== 'GenerationFailed',
  );
  const credential = query.data;

  if (query.isPending) return <Loading what="Loading the credential" />;
  if (!credential) return <ErrorMessage error={query.error} title="Cannot show the credential" />;
  const waiting =
    regeneratedFrom !== null &&
    (credential.document?.version ?? 0) <= regeneratedFrom &&
    credential.status !== 'GenerationFailed';

  return (
    <Page title={`Credential ${credential.number}`} actions={<PageLinks credential={credential} />}>
      <p className="buttons">
        <StatusBadge status={credential.status} />
        <PracticeBadge practice={credential.practice} />
        {credential.deletedAt && <span className="badge">Deleted {formatDate(credential.deletedAt)}</span>}
      </p>
      <ErrorMessage error={query.error} title="Cannot refresh" />
      <Facts credential={credential} />
      {waiting && <p role="status">Regenerating: waiting for the new document version…</p>}
      <CredentialActions credential={credential} onRegenerate={setRegeneratedFrom} />
      <Versions credential={credential} />
      <Emails credential={credential} />
      <h2>History</h2>
      <CredentialHistory history={credential.history} />
    </Page>
  );
}

function PageLinks({ credential }: { credential: Credential }) {
  const canPreview = useCan('requester');
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      {canPreview && credential.document && (
        <button type="button" onClick={() => void openInNewTab(() => previewLink(credential.id)).catch(setError)}>
          Preview
        </button>
      )}
      {credential.workflowUrl && (
        <a className="button secondary" href={credential.workflowUrl} target="_blank" rel="noopener noreferrer">
          Open in Temporal UI
        </a>
      )}
      <ErrorMessage error={error} title="Cannot preview" />
    </>
  );
}

function Facts({ credential: c }: { credential: Credential }) {
  return (
    <dl className="facts">
      <dt>Number</dt>
      <dd>{c.number}</dd>
      <dt>Status</dt>
      <dd>{words(c.status)}</dd>
      <dt>Template</dt>
      <dd>
        <Link to={`/templates/${c.template.id}`}>{c.template.name}</Link>, version {c.template.version}
      </dd>
      <dt>Type</dt>
      <dd>{c.type}</dd>
      <dt>Credential date</dt>
      <dd>{formatDate(c.credentialDate)}</dd>
      <dt>Learner</dt>
      <dd>
        <Link to={`/learners/${c.learner.id}/credentials`}>{c.learner.fullName}</Link>
      </dd>
      <dt>Source</dt>
      <dd>
        <SourceLink source={c.source} />
      </dd>
      <dt>Issuing officer</dt>
      <dd>{c.issuingOfficer ? `${c.issuingOfficer.name}, ${c.issuingOfficer.position}` : 'None'}</dd>
      <dt>Status reason</dt>
      <dd>{c.statusReason ?? '—'}</dd>
      {c.generationError && (
        <>
          <dt>Generation error</dt>
          <dd className="failures">{c.generationError}</dd>
        </>
      )}
      <dt>Issued</dt>
      <dd>{formatTime(c.issuedAt)}</dd>
      <dt>Printed</dt>
      <dd>{c.printedAt ? formatTime(c.printedAt) : 'No'}</dd>
      <dt>Email status</dt>
      <dd>{words(c.emailStatus)}</dd>
      {c.replaces && (
        <>
          <dt>Replaces</dt>
          <dd>
            <Link to={`/credentials/${c.replaces}`}>The credential it replaces</Link>
          </dd>
        </>
      )}
      {c.replacedBy && (
        <>
          <dt>Replaced by</dt>
          <dd>
            <Link to={`/credentials/${c.replacedBy}`}>Its replacement</Link>
          </dd>
        </>
      )}
      <dt>Verification link</dt>
      <dd>
        <a href={c.verificationUrl}>{c.verificationUrl}</a>
      </dd>
    </dl>
  );
}

function Versions({ credential }: { credential: Credential }) {
  const canPreview = useCan('requester');
  const [error, setError] = useState<unknown>(null);
  const versions = [...credential.documents].sort((a, b) => b.version - a.version);
  return (
    <>
      <h2>Document versions</h2>
      {versions.length === 0 ? (
        <p>No document yet.</p>
      ) : (
        <TableFrame
          aria-label="Document versions"
          columns={['Version', 'Generated', 'Template version', 'SHA-256', 'Size', ...(canPreview ? ['Preview'] : [])]}
        >
          {versions.map((version) => (
            <tr key={version.version}>
              <td>{version.version}</td>
              <td className="nowrap">{formatTime(version.generatedAt)}</td>
              <td>{version.templateVersion}</td>
              <td className="mono">{version.sha256}</td>
              <td className="nowrap">{formatBytes(version.bytes)}</td>
              {canPreview && (
                <td>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void openInNewTab(() => previewLink(credential.id, version.version)).catch(setError)}
                  >
                    Preview version {version.version}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </TableFrame>
      )}
      <ErrorMessage error={error} title="Cannot preview" />
    </>
  );
}

function Emails({ credential }: { credential: Credential }) {
  const emails = credential.emails;
  return (
    <>
      <h2>Emails</h2>
      {emails.length === 0 ? (
        <p>Not emailed yet.</p>
      ) : (
        <TableFrame
          aria-label="Emails"
          columns={['To', 'Delivery', 'Asked for', 'Sent', 'Document version', 'Problem']}
        >
          {emails.map((email) => (
            <tr key={email.id}>
              <td>{email.to}</td>
              <td>{words(email.status)}</td>
              <td className="nowrap">{formatTime(email.createdAt)}</td>
              <td className="nowrap">{formatTime(email.sentAt)}</td>
              <td>{email.documentVersion}</td>
              <td>{email.error ?? '—'}</td>
            </tr>
          ))}
        </TableFrame>
      )}
    </>
  );
}

/**
 * The enrolment the credential was requested from: a course enrolment's credentials, or the qualification's
 * enrolments (named by the qualification, which the enrolment answer gives).
 */
function SourceLink({ source }: { source: Credential['source'] }) {
  const enrolment = useQualificationEnrolment(source.kind === 'qualification' ? source.enrolmentId : undefined);
  if (source.kind === 'course')
    return <Link to={`/course-enrolments/${source.enrolmentId}/credentials`}>Course enrolment</Link>;
  if (enrolment.error) return <ErrorMessage error={enrolment.error} title="Qualification enrolment" />;
  const qualification = enrolment.data?.qualification;
  return qualification ? (
    <>
      Qualification enrolment in{' '}
      <Link to={`/qualification-enrolments?qualificationId=${qualification.id}`}>
        {qualification.code} {qualification.title}
      </Link>{' '}
      ({enrolment.data?.status})
    </>
  ) : (
    <>Qualification enrolment</>
  );
}
