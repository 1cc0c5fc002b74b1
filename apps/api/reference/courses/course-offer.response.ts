import { ApiProperty } from '@nestjs/swagger';
import type { Course, CourseOffer } from '../../../../domain/entities';

export class CourseRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'FA-101' }) code!: string;
  @ApiProperty({ example: 'Provide First Aid' }) name!: string;
}

export class CourseOfferResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: CourseRef }) course!: CourseRef;
  @ApiProperty({ example: '2026-02-02' }) startDate!: string;
  @ApiProperty({ example: '2026-02-06' }) endDate!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Melbourne' }) location!: string | null;
  @ApiProperty({ description: 'Practice data (POST /practice/course-offers): its credentials never verify publicly' })
  practice!: boolean;
  @ApiProperty({ description: 'Learners enrolled in the offer, whatever their status' }) enrolmentCount!: number;
}

export function toCourseResponse(course: Course): CourseRef {
  return { id: course.id, code: course.code, name: course.name };
}

/** An offer with its course populated, and how many enrolments it has (CoursesService counts them). */
export function toCourseOfferResponse({
  offer,
  enrolmentCount,
}: {
  offer: CourseOffer;
  enrolmentCount: number;
}): CourseOfferResponse {
  return {
    id: offer.id,
    course: toCourseResponse(offer.course),
    startDate: offer.startDate,
    endDate: offer.endDate,
    location: offer.location ?? null,
    practice: offer.practice,
    enrolmentCount,
  };
}
