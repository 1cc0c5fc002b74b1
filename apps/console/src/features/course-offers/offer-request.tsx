import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { BulkRunProgress } from '../bulk-runs/bulk-run-progress';
import { useBulkRun } from '../bulk-runs/api';
import { useRunCompleted } from '../bulk-runs/use-run-completed';
import { RequestCredentialForm } from '../credential-requests/request-credential-form';
import { useRefreshOffer, useRequestForOffer, type OfferEnrolment } from './api';

/**
 * Request Credential for the ticked enrolments (the seed's bulk request from Course Offer > Enrolments). Ticked rows
 * that the chosen template refuses are named and left out; the run starts with the others.
 */
export function OfferRequestPanel({
  offerId,
  ticked,
  onTemplate,
  onStarted,
  onCancel,
}: {
  offerId: string;
  ticked: OfferEnrolment[];
  onTemplate: (templateId: string) => void;
  onStarted: (bulkRunId: string, goToCredentials: boolean) => void;
  onCancel: () => void;
}) {
  const [goToCredentials, setGoToCredentials] = useState(false);
  const request = useRequestForOffer(offerId);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const ready = ticked.filter((row) => row.canRequest);
  const leftOut = ticked.filter((row) => !row.canRequest);

  return (
    <section className="panel" aria-labelledby="request-heading">
      <h2 id="request-heading" tabIndex={-1} ref={heading}>
        Request Credential
      </h2>
      <p>
        {leftOut.length > 0
          ? `For ${ready.length} of the ${ticked.length} ticked enrolments`
          : `For ${ready.length} ticked ${ready.length === 1 ? 'enrolment' : 'enrolments'}`}
        {ready.length > 0 && `: ${ready.map((row) => row.learner.fullName).join(', ')}`}.
      </p>
      {leftOut.length > 0 && (
        <div className="error" role="status">
          Left out, as this template cannot be requested for them now (untick them or choose another template):
          <ul>
            {leftOut.map((row) => (
              <li key={row.id}>
                <strong>{row.learner.fullName}</strong>: {row.notReady.join('; ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      <RequestCredentialForm
        appliesTo="course"
        buttons={[{ name: 'request', label: 'Request Credential' }]}
        busy={request.isPending || ready.length === 0}
        error={request.error}
        onTemplate={onTemplate}
        extra={
          <label className="inline go-to">
            <input
              type="checkbox"
              checked={goToCredentials}
              onChange={(event) => setGoToCredentials(event.target.checked)}
            />
            Go to Course Offer Credentials when complete?
          </label>
        }
        onSubmit={(fields) =>
          request.mutate(
            { ...fields, enrolmentIds: ready.map((row) => row.id) },
            { onSuccess: ({ bulkRunId }) => onStarted(bulkRunId, goToCredentials) },
          )
        }
      />
      <button type="button" className="secondary cancel" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}

/**
 * The bulk run a request started (its id in the URL, so a reload keeps following it). Once complete: straight to the
 * offer's Credentials when that was asked for and nothing failed, else a link there beside the failures.
 */
export function OfferRunPanel({
  offerId,
  bulkRunId,
  goToCredentials,
  nameOf,
  onClose,
}: {
  offerId: string;
  bulkRunId: string;
  goToCredentials: boolean;
  nameOf: (enrolmentId: string) => string | undefined;
  onClose: () => void;
}) {
  const run = useBulkRun(bulkRunId);
  const refresh = useRefreshOffer(offerId);
  const navigate = useNavigate();
  const credentialsUrl = `/course-offers/${offerId}/credentials`;
  const failed = run.data?.failed ?? 0;
  useRunCompleted(
    bulkRunId,
    useCallback(() => {
      void refresh();
      // Replaces this page's entry: Back from the credentials leads to the Enrolments as they were before the run.
      if (goToCredentials && failed === 0) void navigate(credentialsUrl, { replace: true });
    }, [refresh, goToCredentials, failed, navigate, credentialsUrl]),
  );

  return (
    <section className="panel" aria-labelledby="run-heading">
      <h2 id="run-heading">Requesting credentials</h2>
      <BulkRunProgress
        id={bulkRunId}
        label="Credential requests"
        nameOf={nameOf}
        whenComplete={
          <p className="buttons">
            {goToCredentials && failed > 0 && <span>Some requests failed, so you stay here to read why.</span>}
            <Link className="button" to={credentialsUrl}>
              Go to Course Offer Credentials
            </Link>
            <button type="button" className="secondary" onClick={onClose}>
              Close
            </button>
          </p>
        }
      />
    </section>
  );
}
