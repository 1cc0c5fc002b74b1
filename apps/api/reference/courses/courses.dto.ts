import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../common/validators';
import { PageQuery } from '../../common/pagination';
import {
  courseEnrolmentStatuses,
  type CourseEnrolmentStatus,
} from '../../../../domain/entities/course-enrolment.entity';
import type { CourseEnrolment } from '../../../../domain/entities';

export class CreateCourseDto {
  @ApiProperty({ example: 'FA-101' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  code!: string;

  @ApiProperty({ example: 'Provide First Aid' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;
}

export class CreateCourseOfferDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId!: string;

  @ApiProperty({ example: '2026-02-02' })
  @IsCalendarDate()
  startDate!: string;

  @ApiProperty({ example: '2026-02-06' })
  @IsCalendarDate()
  endDate!: string;

  @ApiPropertyOptional({ example: 'Melbourne' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;
}

export class CourseOfferQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'courseId must be a UUID' })
  courseId?: string;
}

export class CreateEnrolmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId!: string;

  @ApiPropertyOptional({ enum: courseEnrolmentStatuses, default: 'Enrolled' })
  @IsOptional()
  @IsIn(courseEnrolmentStatuses, { message: `status must be one of ${courseEnrolmentStatuses.join(', ')}` })
  status?: CourseEnrolmentStatus;

  @ApiPropertyOptional({ example: '2026-02-06' })
  @IsOptional()
  @IsCalendarDate()
  completionDate?: string | null;
}

export class UpdateEnrolmentDto {
  @ApiPropertyOptional({ enum: courseEnrolmentStatuses })
  @IsOptional()
  @IsIn(courseEnrolmentStatuses, { message: `status must be one of ${courseEnrolmentStatuses.join(', ')}` })
  status?: CourseEnrolmentStatus;

  @ApiPropertyOptional({ example: '2026-02-06', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  completionDate?: string | null;
}

/** An enrolment with its learner and course offer loaded. */
export function toEnrolmentResponse(enrolment: CourseEnrolment) {
  const { learner } = enrolment;
  return {
    id: enrolment.id,
    courseOfferId: enrolment.courseOffer.id,
    learner: { id: learner.id, fullName: learner.fullName, email: learner.email },
    status: enrolment.status,
    completionDate: enrolment.completionDate ?? null,
    practice: enrolment.courseOffer.practice,
  };
}
