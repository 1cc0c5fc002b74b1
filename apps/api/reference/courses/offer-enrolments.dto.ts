import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { courseEnrolmentStatuses } from '../../../../domain/entities/course-enrolment.entity';
import { credentialStatuses, type CredentialStatus } from '../../../../domain/credentials/lifecycle';
import { notReadyReasons } from '../../../../domain/credentials/course-readiness';
import { enrolmentFacts, type CourseRequestFactsRow } from '../../../../domain/credentials/course-request.sql';
import { PageQuery, type Page } from '../../common/pagination';
import type { CourseEnrolment } from '../../../../domain/entities';

export class EnrolmentListQuery extends PageQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The template a request would name: notReady then also says whether one of its credentials is already active, and whether the learner needs a verified USI for it',
  })
  @IsOptional()
  @IsUUID('all', { message: 'templateId must be a UUID' })
  templateId?: string;
}

/** One credential of an enrolment, as the enrolment list's query reads it. */
export interface EnrolmentCredentialRow {
  id: string;
  number: string;
  status: CredentialStatus;
  template_id: string;
  template_name: string;
  course_enrolment_id: string;
}

/** A page of an offer's enrolments, with what a credential request for each is checked against. */
export interface EnrolmentsWithFacts {
  enrolments: CourseEnrolment[];
  total: number;
  /** courseRequestFacts by enrolment id. */
  facts: Map<string, CourseRequestFactsRow>;
  credentials: EnrolmentCredentialRow[];
}

class EnrolmentLearner {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Ada Lovelace' }) fullName!: string;
  @ApiProperty({ example: 'ada@example.com' }) email!: string;
  @ApiProperty() usiVerified!: boolean;
}

class EnrolmentCredential {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-000042' }) number!: string;
  @ApiProperty({ enum: credentialStatuses }) status!: CredentialStatus;
  @ApiProperty({ format: 'uuid' }) templateId!: string;
  @ApiProperty({ example: 'Certificate of Completion' }) templateName!: string;
}

export class EnrolmentReadinessResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) courseOfferId!: string;
  @ApiProperty({ enum: courseEnrolmentStatuses }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-02-06' }) completionDate!: string | null;
  @ApiProperty({ description: 'The offer is practice data' }) practice!: boolean;
  @ApiProperty({ type: EnrolmentLearner }) learner!: EnrolmentLearner;
  @ApiProperty({ type: [EnrolmentCredential], description: 'Its credentials, deleted ones left out, oldest first' })
  credentials!: EnrolmentCredential[];
  @ApiProperty({ description: 'notReady is empty' }) canRequest!: boolean;
  @ApiProperty({
    type: [String],
    example: ['Not completed: the enrolment is Enrolled, and a certificate needs it Completed'],
    description:
      'Why a credential cannot be requested now, in words: what POST /course-offers/:id/credential-requests refuses (not completed, no completion date, an active credential of the template), and, with templateId, "USI not verified: <template> is accredited", which the issue would refuse',
  })
  notReady!: string[];
}

export function toEnrolmentReadinessPage(
  query: EnrolmentListQuery,
  { enrolments, total, facts, credentials }: EnrolmentsWithFacts,
): Page<EnrolmentReadinessResponse> {
  const items = enrolments.map((enrolment): EnrolmentReadinessResponse => {
    const { learner } = enrolment;
    const notReady = notReadyReasons(enrolmentFacts(facts.get(enrolment.id)!));
    return {
      id: enrolment.id,
      courseOfferId: enrolment.courseOffer.id,
      status: enrolment.status,
      completionDate: enrolment.completionDate ?? null,
      practice: enrolment.courseOffer.practice,
      learner: { id: learner.id, fullName: learner.fullName, email: learner.email, usiVerified: learner.usiVerified },
      credentials: credentials
        .filter((c) => c.course_enrolment_id === enrolment.id)
        .map((c) => ({
          id: c.id,
          number: c.number,
          status: c.status,
          templateId: c.template_id,
          templateName: c.template_name,
        })),
      canRequest: notReady.length === 0,
      notReady,
    };
  });
  return { items, total, page: query.page, pageSize: query.pageSize };
}
