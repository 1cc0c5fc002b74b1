import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Page } from '../../components/page';
import { QueryState } from '../../components/query-state';
import { ErrorMessage, Loading } from '../../components/feedback';
import { Pagination } from '../../components/pagination';
import { useSelection } from '../../components/selection';
import { usePageParam, useUrlParams } from '../../components/url-state';
import { useCan } from '../../lib/access';
import { formatDate } from '../../lib/format';
import { useCourseOffer, useOfferEnrolments } from './api';
import { EnrolmentsTable } from './enrolments-table';
import { OfferRequestPanel, OfferRunPanel } from './offer-request';
import { PracticeOfferNotice } from './practice-offer-notice';
import './course-offers.css';

/**
 * Course Offer > Enrolments: who is enrolled, their credentials, and whether one can be requested now (and if not,
 * why). Tick enrolments, then Request Credential starts one bulk run, followed here (`?bulkRun=` in the URL).
 */
export function EnrolmentsPage() {
  const offerId = useParams().offerId!;
  const [params, update] = useUrlParams();
  const [page, setPage] = usePageParam();
  const bulkRunId = params.get('bulkRun');
  const canRequest = useCan('requester');
  const [requesting, setRequesting] = useState(false);
  const [templateId, setTemplateId] = useState('');
  const selection = useSelection();

  const offer = useCourseOffer(offerId);
  const enrolments = useOfferEnrolments(offerId, page, (requesting && templateId) || undefined);
  const rows = enrolments.data?.items ?? [];
  const ticked = rows.filter((row) => selection.has(row.id));

  const title = offer.data ? `Enrolments: ${offer.data.course.code} ${offer.data.course.name}` : 'Enrolments';

  return (
    <Page title={title}>
      {offer.isError ? (
        <ErrorMessage error={offer.error} title="Course offer" />
      ) : offer.data ? (
        <>
          <dl className="facts offer-facts">
            <dt>Dates</dt>
            <dd>
              {formatDate(offer.data.startDate)} – {formatDate(offer.data.endDate)}
            </dd>
            <dt>Location</dt>
            <dd>{offer.data.location ?? '—'}</dd>
            <dt>Enrolments</dt>
            <dd>{offer.data.enrolmentCount}</dd>
            <dt>Credentials</dt>
            <dd>
              <Link to={`/course-offers/${offerId}/credentials`}>Course Offer Credentials</Link>
            </dd>
          </dl>
          {offer.data.practice && <PracticeOfferNotice offer={offer.data} />}
        </>
      ) : (
        <Loading what="Loading the course offer" />
      )}

      {bulkRunId && (
        <OfferRunPanel
          key={bulkRunId}
          offerId={offerId}
          bulkRunId={bulkRunId}
          goToCredentials={params.get('then') === 'credentials'}
          nameOf={(id) => rows.find((row) => row.id === id)?.learner.fullName}
          onClose={() => update({ bulkRun: null, then: null })}
        />
      )}

      <h2>Enrolments</h2>
      {canRequest && !requesting && (
        <div className="toolbar">
          <span aria-live="polite">
            {selection.selected.size} ticked{selection.selected.size === 0 && ': tick the enrolments to request for'}
          </span>
          <button type="button" onClick={() => setRequesting(true)} disabled={selection.selected.size === 0}>
            Request Credential
          </button>
        </div>
      )}
      {canRequest && requesting && (
        <OfferRequestPanel
          offerId={offerId}
          ticked={ticked}
          onTemplate={setTemplateId}
          onCancel={() => {
            setRequesting(false);
            setTemplateId('');
          }}
          onStarted={(id, goTo) => {
            setRequesting(false);
            setTemplateId('');
            selection.clear();
            update({ bulkRun: id, then: goTo ? 'credentials' : null });
          }}
        />
      )}

      <QueryState query={enrolments} what="Loading enrolments">
        {(data) =>
          data.total === 0 ? (
            <p>No one is enrolled in this offer.</p>
          ) : (
            <>
              {requesting && templateId && enrolments.isFetching && (
                <Loading what="Checking the enrolments for this template" />
              )}
              <EnrolmentsTable rows={rows} selection={canRequest ? selection : undefined} />
              <Pagination
                page={page}
                pageSize={data.pageSize}
                total={data.total}
                onPage={(next) => {
                  selection.clear();
                  setPage(next);
                }}
              />
            </>
          )
        }
      </QueryState>
    </Page>
  );
}
