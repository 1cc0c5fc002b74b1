import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseId } from '../common/id.pipe';
import { Access, Actor, OrSignedLink, type Principal } from '../auth/access.decorator';
import {
  CancelCredentialDto,
  DocumentQuery,
  EmailCredentialDto,
  PreviewLinkDto,
  PreviewLinkResponse,
  RequestCredentialDto,
} from './credentials.dto';
import { CredentialActionsService } from './credential-actions.service';
import { CredentialsService } from './credentials.service';
import { CredentialResponse } from './credential.schema';
import { Idempotent } from '../common/idempotency.interceptor';

function pdfFile(
  res: Response,
  file: { pdf: Buffer; number: string; version: number },
  disposition: 'inline' | 'attachment',
) {
  res.setHeader('Content-Disposition', `${disposition}; filename="credential-${file.number}-v${file.version}.pdf"`);
  return new StreamableFile(file.pdf, { type: 'application/pdf', length: file.pdf.length });
}

@ApiTags('credentials')
@ApiBearerAuth()
@Controller()
export class CredentialsController {
  constructor(
    private readonly service: CredentialsService,
    private readonly actions: CredentialActionsService,
  ) {}

  @Post('course-enrolments/:id/credentials')
  @Idempotent()
  @Access('requester')
  @HttpCode(202)
  request(@Param('id', ParseId) id: string, @Body() dto: RequestCredentialDto, @Actor() actor: Principal) {
    return this.service.requestForCourseEnrolment(id, dto, actor);
  }

  @Post('qualification-enrolments/:id/credentials')
  @Idempotent()
  @Access('requester')
  @HttpCode(202)
  requestForQualification(
    @Param('id', ParseId) id: string,
    @Body() dto: RequestCredentialDto,
    @Actor() actor: Principal,
  ) {
    return this.service.requestForQualificationEnrolment(id, dto, actor);
  }

  @Get('credentials/:id')
  @Access('viewer')
  @ApiOkResponse({ type: CredentialResponse })
  get(@Param('id', ParseId) id: string) {
    return this.service.get(id);
  }

  @Get('credentials/:id/document')
  @Access('viewer')
  @OrSignedLink()
  @ApiProduces('application/pdf')
  @ApiUnauthorizedResponse({ description: 'No API key and no signed link, or a signed link that is bad or expired' })
  async document(
    @Param('id', ParseId) id: string,
    @Query() query: DocumentQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return pdfFile(res, await this.service.document(id, query.version), query.download ? 'attachment' : 'inline');
  }

  /** A link to open the PDF in a browser tab, where no Authorization header can be sent. */
  @Post('credentials/:id/preview-link')
  @Idempotent()
  @Access('requester')
  @ApiCreatedResponse({ type: PreviewLinkResponse })
  previewLink(@Param('id', ParseId) id: string, @Body() dto: PreviewLinkDto) {
    return this.service.previewLink(id, dto.version);
  }

  @Post('credentials/:id/regenerate')
  @Idempotent()
  @Access('issuer')
  @HttpCode(200)
  regenerate(@Param('id', ParseId) id: string, @Actor() actor: Principal) {
    return this.actions.regenerate(id, actor);
  }

  @Post('credentials/:id/issue')
  @Idempotent()
  @Access('issuer')
  @HttpCode(200)
  issue(@Param('id', ParseId) id: string, @Actor() actor: Principal) {
    return this.actions.issue(id, actor);
  }

  @Post('credentials/:id/print')
  @Idempotent()
  @Access('issuer')
  @HttpCode(200)
  @ApiProduces('application/pdf')
  async print(@Param('id', ParseId) id: string, @Actor() actor: Principal, @Res({ passthrough: true }) res: Response) {
    return pdfFile(res, await this.actions.print(id, actor), 'inline');
  }

  @Post('credentials/:id/email')
  @Idempotent()
  @Access('issuer')
  @HttpCode(202)
  email(@Param('id', ParseId) id: string, @Body() dto: EmailCredentialDto, @Actor() actor: Principal) {
    return this.actions.email(id, dto.to, actor);
  }

  @Post('credentials/:id/cancel')
  @Idempotent()
  @Access('issuer')
  @HttpCode(200)
  cancel(@Param('id', ParseId) id: string, @Body() dto: CancelCredentialDto, @Actor() actor: Principal) {
    return this.actions.cancel(id, dto.reason, actor);
  }

  @Delete('credentials/:id')
  @Access('issuer')
  @HttpCode(204)
  remove(@Param('id', ParseId) id: string, @Actor() actor: Principal) {
    return this.actions.remove(id, actor);
  }
}
