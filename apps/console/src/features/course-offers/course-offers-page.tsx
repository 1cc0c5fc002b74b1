import { Link, useLocation, useNavigate } from 'react-router';
import { Page } from '../../components/page';
import { ErrorMessage, Loading, Notice, PracticeBadge } from '../../components/feedback';
import { DataTable } from '../../components/data-table';
import { Pagination } from '../../components/pagination';
import { usePageParam } from '../../components/url-state';
import { useCan } from '../../lib/access';
import { formatDate } from '../../lib/format';
import { useCourseOffers, useCreatePracticeOffer } from './api';
import { offerName } from './offer-name';

/** Every course offer, newest first, each leading to its Enrolments and its Credentials. */
export function CourseOffersPage() {
  const [page, setPage] = usePageParam();
  const offers = useCourseOffers(page);
  const canRequest = useCan('requester');
  const createPractice = useCreatePracticeOffer();
  const navigate = useNavigate();
  const removed = (useLocation().state as { removed?: string } | null)?.removed;

  function practice() {
    createPractice.mutate(undefined, {
      onSuccess: ({ courseOffer }) => void navigate(`/course-offers/${courseOffer.id}/enrolments`),
    });
  }

  return (
    <Page
      title="Course offers"
      actions={
        canRequest && (
          <button type="button" className="secondary" onClick={practice} disabled={createPractice.isPending}>
            {createPractice.isPending ? 'Creating practice offer…' : 'Create practice offer'}
          </button>
        )
      }
    >
      {canRequest && (
        <p className="hint">
          For testing, create a practice course offer with enrolments: its credentials are marked Practice and never
          verify publicly.
        </p>
      )}
      <ErrorMessage error={createPractice.error} title="No practice offer created" />
      {removed && <Notice>Practice offer {removed} removed, with its enrolments and credentials.</Notice>}
      {offers.isPending ? (
        <Loading what="Loading course offers" />
      ) : offers.isError ? (
        <ErrorMessage error={offers.error} />
      ) : offers.data.total === 0 ? (
        <p>No course offers yet.</p>
      ) : (
        <>
          <DataTable
            caption="Course offers, newest first"
            columns={['Course', 'Dates', 'Location', { label: 'Enrolments', numeric: true }, 'Open']}
          >
            {offers.data.items.map((offer) => (
              <tr key={offer.id}>
                <td>
                  <span className="mono">{offer.course.code}</span> {offer.course.name}{' '}
                  <PracticeBadge practice={offer.practice} />
                </td>
                <td>
                  {formatDate(offer.startDate)} – {formatDate(offer.endDate)}
                </td>
                <td>{offer.location ?? '—'}</td>
                <td className="num">{offer.enrolmentCount}</td>
                <td>
                  <span className="buttons">
                    <Link to={`/course-offers/${offer.id}/enrolments`}>
                      Enrolments<span className="visually-hidden"> of {offerName(offer)}</span>
                    </Link>
                    <Link to={`/course-offers/${offer.id}/credentials`}>
                      Credentials<span className="visually-hidden"> of {offerName(offer)}</span>
                    </Link>
                  </span>
                </td>
              </tr>
            ))}
          </DataTable>
          <Pagination page={page} pageSize={offers.data.pageSize} total={offers.data.total} onPage={setPage} />
        </>
      )}
    </Page>
  );
}
