import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ParseId } from '../common/id.pipe';
import { pageOf, PageQuery } from '../common/pagination';
import { CreateQualificationDto, toQualificationResponse } from './qualifications.dto';
import { QualificationsService } from './qualifications.service';
import { Idempotent } from '../common/idempotency.interceptor';

@ApiTags('qualifications')
@ApiBearerAuth()
@Controller('qualifications')
export class QualificationsController {
  constructor(private readonly service: QualificationsService) {}

  @Post()
  @Idempotent()
  @Access('requester')
  async create(@Body() dto: CreateQualificationDto) {
    return toQualificationResponse(await this.service.create(dto));
  }

  @Get()
  @Access('viewer')
  async list(@Query() query: PageQuery) {
    return pageOf(query, await this.service.list(query), toQualificationResponse);
  }

  @Get(':id')
  @Access('viewer')
  async get(@Param('id', ParseId) id: string) {
    return toQualificationResponse(await this.service.get(id));
  }
}
