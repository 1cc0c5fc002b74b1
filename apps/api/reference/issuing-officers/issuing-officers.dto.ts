import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBase64Image } from '../../common/validators';
import type { IssuingOfficer } from '../../../../domain/entities';

export class CreateIssuingOfficerDto {
  @ApiProperty({ example: 'Jordan Lee' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'Chief Executive Officer' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  position!: string;

  @ApiPropertyOptional({ description: 'Base64 PNG of the signature, at most 2 MB' })
  @IsOptional()
  @IsBase64Image(2 * 1024 * 1024)
  signaturePng?: string;
}

export function toIssuingOfficerResponse(officer: IssuingOfficer) {
  return { id: officer.id, name: officer.name, position: officer.position, createdAt: officer.createdAt.toISOString() };
}
