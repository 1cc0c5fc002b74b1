import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, Actor, type Principal } from '../auth/access.decorator';
import { ParseId } from '../common/id.pipe';
import { pageOf } from '../common/pagination';
import {
  CreateTemplateDto,
  PreviewLayoutDto,
  PreviewTemplateDto,
  TemplateListQuery,
  TemplateVersionQuery,
  TemplateVersionResponse,
  toTemplateResponse,
  toTemplateSummary,
  toTemplateVersion,
  UpdateTemplateDto,
} from './credential-templates.dto';
import { CredentialTemplatesService } from './credential-templates.service';
import { TemplatePreviewService } from './template-preview.service';

function pdfInline(res: Response, pdf: Buffer, fileName: string): StreamableFile {
  res.setHeader('Content-Disposition', `inline; filename="${fileName}"`);
  return new StreamableFile(pdf, { type: 'application/pdf', length: pdf.length });
}
import { Idempotent } from '../common/idempotency.interceptor';

@ApiTags('templates')
@ApiBearerAuth()
@Controller('credential-templates')
export class CredentialTemplatesController {
  constructor(
    private readonly service: CredentialTemplatesService,
    private readonly previews: TemplatePreviewService,
  ) {}

  @Get()
  @Access('viewer')
  async list(@Query() query: TemplateListQuery) {
    return pageOf(query, await this.service.list(query), toTemplateSummary);
  }

  @Post()
  @Idempotent()
  @Access('admin')
  async create(@Body() dto: CreateTemplateDto) {
    const { template, shown, versions } = await this.service.create(dto);
    return toTemplateResponse(template, shown, versions);
  }

  /** A layout being edited, rendered with sample data before it is saved; a bad layout is a 400 naming the problem. */
  @Post('preview')
  @Idempotent()
  @Access('requester')
  @HttpCode(200)
  @ApiProduces('application/pdf')
  async previewLayout(@Body() dto: PreviewLayoutDto, @Res({ passthrough: true }) res: Response) {
    return pdfInline(res, await this.previews.previewLayout(dto.type, dto.layout), 'layout-preview.pdf');
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
    const { pdf, version } = await this.previews.preview(id, dto.version);
    return pdfInline(res, pdf, `template-${id}-v${version}-preview.pdf`);
  }

  @Get(':id/versions')
  @Access('viewer')
  @ApiOkResponse({ type: [TemplateVersionResponse], description: 'Newest first' })
  async versions(@Param('id', ParseId) id: string) {
    return (await this.service.versions(id)).map(toTemplateVersion);
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
