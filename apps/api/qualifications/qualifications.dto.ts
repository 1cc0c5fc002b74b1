import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../common/validators';
import { PageQuery } from '../common/pagination';
import {
  qualificationEnrolmentStatuses,
  type QualificationEnrolmentStatus,
} from '../../../domain/entities/qualification-enrolment.entity';
import type { PackagingRules } from '../../../domain/entities/qualification.entity';
import type { Qualification, QualificationEnrolment, UnitResult } from '../../../domain/entities';
import {
  isAchievingOutcome,
  listOutcomes,
  outcomeCodes,
  outcomeMeaning,
} from '../../../domain/qualifications/outcomes';

const packagingRulesExample: PackagingRules = {
  totalUnits: 12,
  core: ['BSBCMM511', 'BSBCRT511', 'BSBLDR523', 'BSBOPS502', 'BSBPEF502', 'BSBTWK502'],
  electives: {
    count: 6,
    groups: [{ name: 'A', units: ['BSBLDR522', 'BSBOPS501'], min: 1, max: null }],
    listed: ['BSBOPS503', 'BSBOPS504', 'BSBSTR502', 'BSBWHS521'],
    importedMax: 2,
  },
};

export class CreateQualificationDto {
  @ApiProperty({ example: 'BSB50420' })
  @Matches(/^[A-Z0-9]{3,20}$/, { message: 'code must be 3 to 20 capital letters and digits, e.g. BSB50420' })
  code!: string;

  @ApiProperty({ example: 'Diploma of Leadership and Management' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({
    example: packagingRulesExample,
    description:
      'totalUnits = core units + electives.count; an elective counts from a group (within its min/max), from listed, or up to importedMax from any other unit',
  })
  @IsObject({
    message: 'packagingRules must be an object: {totalUnits, core, electives: {count, groups, listed, importedMax}}',
  })
  packagingRules!: PackagingRules;
}

export class CreateQualificationEnrolmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'qualificationId must be a UUID' })
  qualificationId!: string;
}

export class QualificationEnrolmentQuery extends PageQuery {
  @ApiPropertyOptional({ enum: qualificationEnrolmentStatuses })
  @IsOptional()
  @IsIn(qualificationEnrolmentStatuses, {
    message: `status must be one of ${qualificationEnrolmentStatuses.join(', ')}`,
  })
  status?: QualificationEnrolmentStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'qualificationId must be a UUID' })
  qualificationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId?: string;
}

export class RecordUnitResultDto {
  @ApiProperty({
    example: '20',
    enum: outcomeCodes,
    description: 'AVETMISS outcome identifier (national); 20, 51 and 60 count as achieved',
  })
  @IsIn(outcomeCodes, { message: `outcome must be an AVETMISS outcome identifier, one of: ${listOutcomes()}` })
  outcome!: string;

  @ApiProperty({ example: '2026-06-15', description: 'Date of the outcome' })
  @IsCalendarDate()
  date!: string;
}

export function toQualificationResponse(qualification: Qualification) {
  return {
    id: qualification.id,
    code: qualification.code,
    title: qualification.title,
    packagingRules: qualification.packagingRules,
    createdAt: qualification.createdAt.toISOString(),
    updatedAt: qualification.updatedAt.toISOString(),
  };
}

export function toQualificationEnrolmentResponse(enrolment: QualificationEnrolment) {
  const { learner, qualification } = enrolment;
  return {
    id: enrolment.id,
    learner: { id: learner.id, fullName: learner.fullName, email: learner.email },
    qualification: { id: qualification.id, code: qualification.code, title: qualification.title },
    status: enrolment.status,
    requirementsMetAt: enrolment.requirementsMetAt?.toISOString() ?? null,
    createdAt: enrolment.createdAt.toISOString(),
    updatedAt: enrolment.updatedAt.toISOString(),
  };
}

export function toUnitResultResponse(result: UnitResult) {
  return {
    unitCode: result.unit.code,
    unitTitle: result.unit.title,
    outcome: result.outcome,
    outcomeMeaning: outcomeMeaning(result.outcome),
    achieved: isAchievingOutcome(result.outcome),
    date: result.date,
    recordedAt: result.updatedAt.toISOString(),
  };
}
