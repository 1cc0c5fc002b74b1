import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { Unit } from '../../../../domain/entities';

const unitCode = /^[A-Z0-9]{3,20}$/;
const unitCodeMessage = 'code must be 3 to 20 capital letters and digits, e.g. BSBWHS411';

export class UnitDto {
  @ApiProperty({ example: 'BSBWHS411' })
  @Matches(unitCode, { message: unitCodeMessage })
  code!: string;

  @ApiProperty({ example: 'Implement and monitor WHS policies, procedures and programs' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;
}

/** Either one unit ({code, title}) or many ({units: [...]}); upserted by code. */
export class UpsertUnitsDto {
  @ApiPropertyOptional({ example: 'BSBWHS411' })
  @ValidateIf((o: UpsertUnitsDto) => o.units === undefined)
  @Matches(unitCode, { message: unitCodeMessage })
  code?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: UpsertUnitsDto) => o.units === undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ type: [UnitDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => UnitDto)
  units?: UnitDto[];
}

export function toUnitResponse(unit: Unit) {
  return { id: unit.id, code: unit.code, title: unit.title };
}
