import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../../common/validators';
import { PageQuery } from '../../common/pagination';
import type { Learner } from '../../../../domain/entities';

export class CreateLearnerDto {
  @ApiProperty({ example: 'Ada' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  givenName!: string;

  @ApiProperty({ example: 'Lovelace' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  familyName!: string;

  @ApiPropertyOptional({ example: 'Augusta' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  middleName?: string | null;

  @ApiProperty({ example: '1990-12-10' })
  @IsCalendarDate()
  dateOfBirth!: string;

  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail({}, { message: 'email must be an email address' })
  email!: string;

  @ApiPropertyOptional({
    example: 'A2B3C4D5E6',
    description: 'Unique Student Identifier: 10 characters, never printed',
  })
  @IsOptional()
  @Matches(/^[2-9A-HJ-NP-Z]{10}$/, {
    message: 'usi must be 10 characters of capital letters and digits (no I, O, 0 or 1)',
  })
  usi?: string | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  usiVerified?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Exempt from the USI requirement; recorded on every credential issued',
  })
  @IsOptional()
  @IsBoolean()
  usiExempt?: boolean;
}

export class UpdateLearnerDto extends PartialType(CreateLearnerDto) {}

export class LearnerQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of a name or email' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export function toLearnerResponse(learner: Learner) {
  return {
    id: learner.id,
    givenName: learner.givenName,
    middleName: learner.middleName ?? null,
    familyName: learner.familyName,
    fullName: learner.fullName,
    dateOfBirth: learner.dateOfBirth,
    email: learner.email,
    usi: learner.usi ?? null,
    usiVerified: learner.usiVerified,
    usiExempt: learner.usiExempt,
    createdAt: learner.createdAt.toISOString(),
    updatedAt: learner.updatedAt.toISOString(),
  };
}
