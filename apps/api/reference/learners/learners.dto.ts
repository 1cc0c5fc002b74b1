import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate, IsUsi } from '../../common/validators';
import { maskUsi } from '../../../../domain/learners/usi';
import type { Role } from '../../../../domain/access/roles';
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
    example: 'A2B3C4D5EQ',
    description:
      'Unique Student Identifier: 10 characters, the last a Luhn mod 32 check character; never printed, and shown to viewer keys masked (last three characters)',
  })
  @IsOptional()
  @IsUsi()
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

/** A learner as the API shows it; a viewer key sees the USI masked (its last three characters). */
export function toLearnerResponse(learner: Learner, role?: Role) {
  return {
    id: learner.id,
    givenName: learner.givenName,
    middleName: learner.middleName ?? null,
    familyName: learner.familyName,
    fullName: learner.fullName,
    dateOfBirth: learner.dateOfBirth,
    email: learner.email,
    usi: learner.usi ? (role === 'viewer' ? maskUsi(learner.usi) : learner.usi) : null,
    usiVerified: learner.usiVerified,
    usiExempt: learner.usiExempt,
    createdAt: learner.createdAt.toISOString(),
    updatedAt: learner.updatedAt.toISOString(),
  };
}
