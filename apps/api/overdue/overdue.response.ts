import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { credentialStatuses } from '../../../domain/credentials/lifecycle';
import { learnerFullName } from '../credentials/credential.response';
import { CourseRef } from '../reference/courses/course-offer.response';
import type { OverdueRow } from './overdue.sql';

class OverdueLearner {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Ada Lovelace' }) fullName!: string;
}

class OverdueQualification {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'BSB50420' }) code!: string;
  @ApiProperty({ example: 'Diploma of Leadership and Management' }) title!: string;
}

class OverdueCredential {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-000042' }) number!: string;
  @ApiProperty({ enum: credentialStatuses }) status!: string;
}

export class OverdueItem {
  @ApiProperty({ enum: ['course', 'qualification'] }) kind!: 'course' | 'qualification';
  @ApiProperty({ format: 'uuid', description: 'The course or qualification enrolment' }) enrolmentId!: string;
  @ApiProperty({ type: OverdueLearner }) learner!: OverdueLearner;
  @ApiPropertyOptional({ type: CourseRef, description: 'Course enrolments' }) course?: CourseRef;
  @ApiPropertyOptional({ format: 'uuid', description: 'Course enrolments' }) courseOfferId?: string;
  @ApiPropertyOptional({ type: OverdueQualification, description: 'Qualification enrolments' })
  qualification?: OverdueQualification;
  @ApiProperty({
    example: '2026-10-31',
    description: 'The course completion date, or the day the qualification enrolment became Ready to be Requested',
  })
  completedOn!: string;
  @ApiProperty({ example: '2026-11-30', description: 'completedOn + 30 days' }) dueBy!: string;
  @ApiProperty({ example: 3, description: 'Days since dueBy (1 the day after)' }) daysOverdue!: number;
  @ApiProperty({
    type: OverdueCredential,
    nullable: true,
    description: 'Its newest credential neither cancelled nor deleted (none is Issued), if any',
  })
  credential!: OverdueCredential | null;
}

export function toOverdueItem(row: OverdueRow): OverdueItem {
  const subject =
    row.kind === 'course'
      ? {
          course: { id: row.course_id!, code: row.course_code!, name: row.course_name! },
          courseOfferId: row.course_offer_id!,
        }
      : {
          qualification: { id: row.qualification_id!, code: row.qualification_code!, title: row.qualification_title! },
        };
  return {
    kind: row.kind,
    enrolmentId: row.enrolment_id,
    learner: { id: row.learner_id, fullName: learnerFullName(row) },
    ...subject,
    completedOn: row.completed_on,
    dueBy: row.due_by,
    daysOverdue: row.days_overdue,
    credential: row.credential_id
      ? { id: row.credential_id, number: row.credential_number!, status: row.credential_status! }
      : null,
  };
}
