import { ApiProperty } from '@nestjs/swagger';
import type { CourseEnrolment, CourseOffer } from '../../../domain/entities';
import { CourseOfferResponse, toCourseOfferResponse } from '../reference/courses/course-offer.response';
import { toEnrolmentResponse } from '../reference/courses/courses.dto';

export class PracticeDataResponse {
  @ApiProperty({ type: CourseOfferResponse, description: 'practice: true' }) courseOffer!: CourseOfferResponse;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description:
      'The five dummy learners, enrolled and Completed today (as POST /course-offers/:id/enrolments answers)',
  })
  enrolments!: Array<ReturnType<typeof toEnrolmentResponse>>;
}

export function toPracticeDataResponse(made: { offer: CourseOffer; enrolments: CourseEnrolment[] }) {
  return {
    courseOffer: toCourseOfferResponse({ offer: made.offer, enrolmentCount: made.enrolments.length }),
    enrolments: made.enrolments.map(toEnrolmentResponse),
  };
}
