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

  @ApiPropertyOptional({
    description:
      'The Nationally Recognised Training logo (a registered trade mark each RTO obtains itself) as base64 PNG, at most 2 MB; null removes it. Testamurs and statements of attainment print it',
  })
  @IsOptional()
  @IsBase64Image(2 * 1024 * 1024)
  nrtLogoPng?: string | null;

  @ApiPropertyOptional({
    description:
      'The NRT logo as SVG markup (not base64), at most 1 MB: rendered to PNG once, at upload. Plain vector artwork only (no embedded images, scripts or DOCTYPE). Give nrtLogoPng or nrtLogoSvg, not both',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1024 * 1024)
  nrtLogoSvg?: string | null;
}

export function toOrganisationResponse(organisation: Organisation) {
  return {
    id: organisation.id,
    name: organisation.name,
    rtoCode: organisation.rtoCode,
    hasLogo: organisation.logoPng != null,
    hasNrtLogo: organisation.nrtLogoPng != null,
    updatedAt: organisation.updatedAt.toISOString(),
  };
}
