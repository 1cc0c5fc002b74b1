import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';
import { IsCalendarDate } from '../common/validators';
import {
  credentialStatuses,
  emailStatuses,
  type CredentialStatus,
  type EmailStatus,
} from '../../../domain/credentials/lifecycle';
import { credentialTypes, type CredentialType } from '../../../domain/entities/credential-template.entity';
import type { RegisterFilters } from './register.sql';

/** `a,b` or `?x=a&x=b` as a list; blank means no filter. */
const toList = ({ value }: { value: unknown }) => {
  const list = (Array.isArray(value) ? value : [value])
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
    .map((v) => (typeof v === 'string' ? v.trim() : v))
    .filter((v) => v !== '');
  return list.length ? list : undefined;
};

/** Only the words true and false; anything else stays as typed so validation names it. */
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class RegisterQuery extends PageQuery implements RegisterFilters {
  @ApiPropertyOptional({
    enum: credentialStatuses,
    isArray: true,
    description: 'One or more statuses (repeat or comma-separate)',
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(credentialStatuses, { each: true, message: `status must be one of ${credentialStatuses.join(', ')}` })
  status?: CredentialStatus[];

  @ApiPropertyOptional({
    enum: credentialTypes,
    isArray: true,
    description: 'One or more credential types (repeat or comma-separate)',
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(credentialTypes, { each: true, message: `type must be one of ${credentialTypes.join(', ')}` })
  type?: CredentialType[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'templateId must be a UUID' })
  templateId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'learnerId must be a UUID' })
  learnerId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Credentials from enrolments in this course offer' })
  @IsOptional()
  @IsUUID('all', { message: 'courseOfferId must be a UUID' })
  courseOfferId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Credentials from enrolments in this qualification' })
  @IsOptional()
  @IsUUID('all', { message: 'qualificationId must be a UUID' })
  qualificationId?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Credential date on or after (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Credential date on or before (YYYY-MM-DD)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    description: 'Part of the credential number, or words of the learner name (given, middle, family); any case',
    example: 'ada love',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() || undefined : value))
  @IsString({ message: 'q must be text' })
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true: not Issued or Cancelled more than 30 days after the learner met the requirements; false: the rest',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true: credentials whose current document was rendered while AQF documents lacked something (NRT logo, organisation logo, RTO code, signature; see GET /organisation/compliance); false: the rest',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'complianceWarnings must be true or false' })
  complianceWarnings?: boolean;

  @ApiPropertyOptional({
    enum: emailStatuses,
    isArray: true,
    description: 'One or more email statuses (repeat or comma-separate)',
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(emailStatuses, { each: true, message: `emailStatus must be one of ${emailStatuses.join(', ')}` })
  emailStatus?: EmailStatus[];

  @ApiPropertyOptional({ type: Boolean, description: 'true: printed at least once; false: never printed' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'printed must be true or false' })
  printed?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Credentials naming this issuing officer' })
  @IsOptional()
  @IsUUID('all', { message: 'issuingOfficerId must be a UUID' })
  issuingOfficerId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Credentials that were items of this bulk run (made by a request run, or acted on by another)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'bulkRunId must be a UUID' })
  bulkRunId?: string;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'true: include credentials deleted before issue' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'includeDeleted must be true or false' })
  includeDeleted?: boolean;
}
