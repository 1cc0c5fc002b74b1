import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { IsCalendarDate } from '../common/validators';

export class RequestCredentialDto {
  @ApiProperty({ format: 'uuid', example: '00000000-0000-4000-8000-000000000004' })
  @IsUUID('all', { message: 'templateId must be a UUID' })
  templateId!: string;

  @ApiProperty({ example: '2026-11-29', description: 'The date printed on the credential' })
  @IsCalendarDate()
  credentialDate!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'issuingOfficerId must be a UUID' })
  issuingOfficerId?: string;

  @ApiPropertyOptional({ example: 'Completed all assessments' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  statusReason?: string;
}

export class DocumentQuery {
  @ApiPropertyOptional({ description: 'A document version; the newest by default' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ description: '1 to download as an attachment instead of showing inline' })
  @IsOptional()
  @Transform(({ value }) => value === '1' || value === 'true' || value === true)
  download?: boolean;

  @ApiPropertyOptional({
    description: 'A signed link (POST /credentials/:id/preview-link): when it stops working, in unix seconds',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  expires?: number;

  @ApiPropertyOptional({
    description: 'A signed link: its signature. With it, no Authorization header is needed until the link expires',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  signature?: string;
}

/** `{}` links the current document; `{"version": n}` an older one. */
export class PreviewLinkDto {
  @ApiPropertyOptional({ description: 'A document version; the newest by default' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class PreviewLinkResponse {
  @ApiProperty({
    example: '/credentials/5b0e.../document?version=1&expires=1796000000&signature=...',
    description: 'A path on this API: the PDF, inline, without an Authorization header',
  })
  url!: string;

  @ApiProperty({ format: 'date-time', description: 'Five minutes from now' })
  expiresAt!: string;
}

export class CancelCredentialDto {
  @ApiProperty({ example: 'Issued to the wrong learner' })
  // A reason of spaces says nothing: it is refused like a missing one (as the bulk cancel does).
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty({ message: 'reason is required: say why the credential is cancelled' })
  @MaxLength(500)
  reason!: string;
}

export class EmailCredentialDto {
  @ApiPropertyOptional({ example: 'learner@example.com', description: "Defaults to the learner's email" })
  @IsOptional()
  @IsEmail({}, { message: 'to must be an email address' })
  to?: string;
}
