import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Page } from '../../components/page';
import { QueryState } from '../../components/query-state';
import { ErrorMessage, Loading, Notice, PracticeBadge, StatusBadge } from '../../components/feedback';
import { TableFrame } from '../../components/table-frame';
import { useCan } from '../../lib/access';
import { formatDate } from '../../lib/format';
import { RequestCredentialForm } from '../credential-requests/request-credential-form';
import {
  useCourseEnrolment,
  useCourseOffer,
  useEnrolmentCredentials,
  useRequestForEnrolment,
  type RequestedCredential,
} from './api';
import { offerName } from './offer-name';
import './course-offers.css';

/**
 * Course Enrolment > Credentials: the enrolment, its credentials, and Add New (one request, the seed's "Individually
 * from Course Enrolment"), followed in the list until its document is generated.
 */
export function CourseEnrolmentCredentialsPage() {
  const enrolmentId = useParams().enrolmentId!;
  const enrolment = useCourseEnrolment(enrolmentId);
  const offer = useCourseOffer(enrolment.data?.courseOfferId);
  const credentials = useEnrolmentCredentials(enrolment.data);
  const canRequest = useCan('requester');
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<RequestedCredential | null>(null);
  const request = useRequestForEnrolment(enrolmentId);
  const navigate = useNavigate();

  const title = enrolment.data ? `Credentials: ${enrolment.data.learner.fullName}` : 'Credentials';
  if (enrolment.isError)
    return (
      <Page title={title}>
        <ErrorMessage error={enrolment.error} title="Course enrolment" />
      </Page>
    );
  if (!enrolment.data)
    return (
      <Page title={title}>
        <Loading what="Loading the enrolment" />
      </Page>
    );
  const { learner, status, completionDate, courseOfferId } = enrolment.data;
  const addedNow = added && credentials.data?.find((credential) => credential.id === added.id);

  return (
    <Page
      title={title}
      actions={
        canRequest &&
        !adding && (
          <button
            type="button"
            onClick={() => {
              setAdding(true);
              setAdded(null);
            }}
          >
            Add New
          </button>
        )
      }
    >
      <dl className="facts">
        <dt>Learner</dt>
        <dd>
          <Link to={`/learners/${learner.id}/credentials`}>{learner.fullName}</Link>
        </dd>
        <dt>Course offer</dt>
        <dd>
          {offer.data ? (
            <>
              <Link to={`/course-offers/${courseOfferId}/enrolments`}>{offerName(offer.data)}</Link>{' '}
              <PracticeBadge practice={offer.data.practice} />
            </>
          ) : offer.isError ? (
            <ErrorMessage error={offer.error} />
          ) : (
            '…'
          )}
        </dd>
        <dt>Enrolment status</dt>
        <dd>
          <StatusBadge status={status} />
        </dd>
        <dt>Completion date</dt>
        <dd>{formatDate(completionDate)}</dd>
      </dl>

      {adding && (
        <section className="panel" aria-labelledby="add-heading">
          <h2 id="add-heading">Add New credential</h2>
          <RequestCredentialForm
            appliesTo="course"
            buttons={[
              { name: 'save', label: 'Save' },
              { name: 'register', label: 'Save and Go to Credential Register' },
            ]}
            busy={request.isPending}
            error={request.error}
            onSubmit={(fields, button) =>
              request.mutate(fields, {
                onSuccess: (credential) => {
                  if (button === 'register') {
                    void navigate(`/register?q=${encodeURIComponent(credential.number)}`);
                    return;
                  }
                  setAdding(false);
                  setAdded(credential);
                },
              })
            }
          />
          <button type="button" className="secondary cancel" onClick={() => setAdding(false)}>
            Cancel
          </button>
        </section>
      )}
      {added && (
        <Notice>
          Credential {added.number} requested:{' '}
          {addedNow && addedNow.status !== 'Requested' ? `now ${addedNow.status}.` : 'generating its document…'}
        </Notice>
      )}

      <h2>Credentials</h2>
      <QueryState query={credentials} what="Loading credentials">
        {(list) =>
          list.length === 0 ? (
            <p>No credentials for this enrolment yet.</p>
          ) : (
            <TableFrame
              aria-label="Credentials of this enrolment"
              columns={['Number', 'Template', 'Credential Date', 'Status']}
            >
              {list.map((credential) => (
                <tr key={credential.id}>
                  <td>
                    <Link to={`/credentials/${credential.id}`}>{credential.number}</Link>{' '}
                    <PracticeBadge practice={credential.practice} />
                  </td>
                  <td>{credential.template.name}</td>
                  <td>{formatDate(credential.credentialDate)}</td>
                  <td>
                    <StatusBadge status={credential.status} />
                  </td>
                </tr>
              ))}
            </TableFrame>
          )
        }
      </QueryState>
    </Page>
  );
}
