import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { RequestCredentialDto } from '../credentials/credentials.dto';
import { UniqueItems } from '../common/validators';

export const maxBulkTargets = 10_000;
export const bulkActions = ['regenerate', 'issue', 'email', 'print', 'cancel'] as const;

/** A bulk request: the enrolments (of the course offer in the path, or qualification enrolments) and one request. */
export class BulkEnrolmentRequestDto extends RequestCredentialDto {
  @ApiProperty({ type: [String], format: 'uuid', description: `Enrolments, at most ${maxBulkTargets}` })
  @IsArray()
  @ArrayMinSize(1, { message: 'enrolmentIds must list at least one enrolment' })
  @ArrayMaxSize(maxBulkTargets, { message: `enrolmentIds may list at most ${maxBulkTargets} enrolments` })
  @UniqueItems(maxBulkTargets, { message: 'enrolmentIds lists an enrolment more than once' })
  @IsUUID('all', { each: true, message: 'each of enrolmentIds must be a UUID' })
  enrolmentIds!: string[];
}

export class BulkActionDto {
  @ApiProperty({ enum: bulkActions })
  @IsIn(bulkActions, { message: `action must be one of ${bulkActions.join(', ')}` })
  action!: (typeof bulkActions)[number];

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1, { message: 'credentialIds must list at least one credential' })
  @ArrayMaxSize(maxBulkTargets, { message: `credentialIds may list at most ${maxBulkTargets} credentials` })
  @UniqueItems(maxBulkTargets, { message: 'credentialIds lists a credential more than once' })
  @IsUUID('all', { each: true, message: 'each of credentialIds must be a UUID' })
  credentialIds!: string[];

  @ApiPropertyOptional({ description: 'Required for cancel' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
