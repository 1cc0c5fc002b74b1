import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { pageOf, PageQuery } from '../../common/pagination';
import { toUnitResponse, UpsertUnitsDto } from './units.dto';
import { UnitsService } from './units.service';
import { Idempotent } from '../../common/idempotency.interceptor';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly service: UnitsService) {}

  @Post()
  @Idempotent()
  @Access('requester')
  async upsert(@Body() dto: UpsertUnitsDto) {
    const units = await this.service.upsert(dto.units ?? [{ code: dto.code!, title: dto.title! }]);
    return dto.units ? { items: units.map(toUnitResponse) } : toUnitResponse(units[0]!);
  }

  @Get()
  @Access('viewer')
  async list(@Query() query: PageQuery) {
    return pageOf(query, await this.service.list(query), toUnitResponse);
  }
}
