import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseId } from '../../common/id.pipe';
import { Access } from '../../auth/access.decorator';
import { pageOf, PageQuery } from '../../common/pagination';
import { CreateIssuingOfficerDto, toIssuingOfficerResponse } from './issuing-officers.dto';
import { IssuingOfficersService } from './issuing-officers.service';
import { Idempotent } from '../../common/idempotency.interceptor';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('issuing-officers')
export class IssuingOfficersController {
  constructor(private readonly service: IssuingOfficersService) {}

  @Post()
  @Idempotent()
  @Access('admin')
  async create(@Body() dto: CreateIssuingOfficerDto) {
    return toIssuingOfficerResponse(await this.service.create(dto));
  }

  @Get()
  @Access('viewer')
  async list(@Query() query: PageQuery) {
    return pageOf(query, await this.service.list(query), toIssuingOfficerResponse);
  }

  @Get(':id')
  @Access('viewer')
  async get(@Param('id', ParseId) id: string) {
    return toIssuingOfficerResponse(await this.service.get(id));
  }
}
