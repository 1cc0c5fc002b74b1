import { Link, useLocation, useNavigate } from 'react-router';
import { Page } from '../../components/page';
import { QueryState } from '../../components/query-state';
import { ErrorMessage, Notice, PracticeBadge } from '../../components/feedback';
import { TableFrame } from '../../components/table-frame';
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
      <QueryState query={offers} what="Loading course offers">
        {(result) =>
          result.total === 0 ? (
            <p>No course offers yet.</p>
          ) : (
            <>
              <TableFrame
                aria-label="Course offers, newest first"
                columns={['Course', 'Dates', 'Location', 'Enrolments', 'Open']}
              >
                {result.items.map((offer) => (
                  <tr key={offer.id}>
                    <td>
                      <span className="mono">{offer.course.code}</span> {offer.course.name}{' '}
                      <PracticeBadge practice={offer.practice} />
                    </td>
                    <td>
                      {formatDate(offer.startDate)} – {formatDate(offer.endDate)}
                    </td>
                    <td>{offer.location ?? '—'}</td>
                    <td>{offer.enrolmentCount}</td>
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
              </TableFrame>
              <Pagination page={page} pageSize={result.pageSize} total={result.total} onPage={setPage} />
            </>
          )
        }
      </QueryState>
    </Page>
  );
}
