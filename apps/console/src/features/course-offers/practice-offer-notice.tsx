import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorMessage, PracticeBadge } from '../../components/feedback';
import { useCan } from '../../lib/access';
import { useRemoveOffer, type CourseOffer } from './api';
import { offerName } from './offer-name';

/** Says a practice offer is one and, for issuers, offers to remove it with all it holds (after a confirmation). */
export function PracticeOfferNotice({ offer }: { offer: CourseOffer }) {
  const canRemove = useCan('issuer');
  const [confirming, setConfirming] = useState(false);
  const remove = useRemoveOffer();
  const navigate = useNavigate();
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  function removeOffer() {
    remove.mutate(offer.id, {
      onSuccess: () => void navigate('/course-offers', { state: { removed: offerName(offer) } }),
    });
  }

  return (
    <div className="panel practice-notice">
      <p>
        <PracticeBadge practice /> This is a practice offer for trying the workflow: its credentials are marked Practice
        and never verify publicly.
      </p>
      {canRemove && !confirming && (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Remove practice offer
        </button>
      )}
      {canRemove && confirming && (
        <div role="group" aria-labelledby="remove-question">
          <p id="remove-question">
            <strong>
              Remove this practice offer, its {offer.enrolmentCount}{' '}
              {offer.enrolmentCount === 1 ? 'enrolment' : 'enrolments'} and all their credentials? This cannot be
              undone.
            </strong>
          </p>
          <p className="buttons">
            <button
              type="button"
              className="danger"
              ref={confirmButton}
              onClick={removeOffer}
              disabled={remove.isPending}
            >
              Yes, remove it
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </p>
        </div>
      )}
      <ErrorMessage error={remove.error} title="Not removed" />
    </div>
  );
}
