import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBase64Image } from '../../common/validators';
import type { Organisation } from '../../../../domain/entities';

export class PutOrganisationDto {
  @ApiProperty({ example: 'Acme Training Pty Ltd' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '12345', description: 'National RTO code' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20)
  rtoCode!: string;

  @ApiPropertyOptional({ description: 'Base64 PNG, at most 2 MB; null removes the logo' })
  @IsOptional()
  @IsBase64Image(2 * 1024 * 1024)
  logoPng?: string | null;
}

export function toOrganisationResponse(organisation: Organisation) {
  return {
    id: organisation.id,
    name: organisation.name,
    rtoCode: organisation.rtoCode,
    hasLogo: organisation.logoPng != null,
    updatedAt: organisation.updatedAt.toISOString(),
  };
}
