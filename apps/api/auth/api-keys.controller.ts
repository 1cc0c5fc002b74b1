import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { pageOf, PageQuery } from '../common/pagination';
import { ParseId } from '../common/id.pipe';
import { Access } from './access.decorator';
import { ApiKeysService } from './api-keys.service';
import { CreateApiKeyDto, toApiKeyResponse } from './api-keys.dto';
import { Idempotent } from '../common/idempotency.interceptor';

@ApiTags('access')
@ApiBearerAuth()
@Access('admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly service: ApiKeysService) {}

  @Post()
  // The answer holds the key itself, shown once: never kept for a replay.
  @Idempotent({ showsSecret: true })
  async create(@Body() dto: CreateApiKeyDto) {
    const { key, secret } = await this.service.create(dto.name, dto.role);
    return toApiKeyResponse(key, secret);
  }

  @Get()
  async list(@Query() query: PageQuery) {
    return pageOf(query, await this.service.list(query), (key) => toApiKeyResponse(key));
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@Param('id', ParseId) id: string) {
    return this.service.revoke(id);
  }
}
