import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, Actor, type Principal } from '../auth/access.decorator';
import { ParseId } from '../common/id.pipe';
import { pageOf, PageQuery } from '../common/pagination';
import {
  CreateTemplateDto,
  PreviewTemplateDto,
  TemplateVersionQuery,
  toTemplateResponse,
  toTemplateSummary,
  UpdateTemplateDto,
} from './credential-templates.dto';
import { CredentialTemplatesService } from './credential-templates.service';
import { Idempotent } from '../common/idempotency.interceptor';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('credential-templates')
export class CredentialTemplatesController {
  constructor(private readonly service: CredentialTemplatesService) {}

  @Get()
  @Access('viewer')
  async list(@Query() query: PageQuery) {
    return pageOf(query, await this.service.list(query), toTemplateSummary);
  }

  @Post()
  @Idempotent()
  @Access('admin')
  async create(@Body() dto: CreateTemplateDto) {
    const { template, shown, versions } = await this.service.create(dto);
    return toTemplateResponse(template, shown, versions);
  }

  @Get(':id')
  @Access('viewer')
  async get(@Param('id', ParseId) id: string, @Query() query: TemplateVersionQuery) {
    const { template, shown, versions } = await this.service.get(id, query.version);
    return toTemplateResponse(template, shown, versions);
  }

  @Put(':id')
  @Access('admin')
  async update(@Param('id', ParseId) id: string, @Body() dto: UpdateTemplateDto) {
    const { template, shown, versions } = await this.service.update(id, dto);
    return toTemplateResponse(template, shown, versions);
  }

  @Post(':id/preview')
  @Idempotent()
  @Access('requester')
  @HttpCode(200)
  @ApiProduces('application/pdf')
  async preview(
    @Param('id', ParseId) id: string,
    @Body() dto: PreviewTemplateDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { pdf, version } = await this.service.preview(id, dto.version);
    res.setHeader('Content-Disposition', `inline; filename="template-${id}-v${version}-preview.pdf"`);
    return new StreamableFile(pdf, { type: 'application/pdf', length: pdf.length });
  }

  /**
   * Regenerating credentials is the issuer's action (API.md roles), here for every credential a template fix affects.
   */
  @Post(':id/regenerate')
  @Idempotent()
  @Access('issuer')
  @HttpCode(202)
  regenerate(@Param('id', ParseId) id: string, @Actor() actor: Principal) {
    return this.service.regenerate(id, actor);
  }
}
