import { formatDate } from '../../lib/format';
import type { CourseOffer } from './api';

/** What an offer is called in links and messages: "FA-101 Provide First Aid, 1 Oct 2026". */
export const offerName = (offer: CourseOffer) =>
  `${offer.course.code} ${offer.course.name}, ${formatDate(offer.startDate)}`;
