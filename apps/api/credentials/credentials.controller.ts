import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseId } from '../common/id.pipe';
import { Access, Actor, type Principal } from '../auth/access.decorator';
import { DocumentQuery, RequestCredentialDto } from './credentials.dto';
import { CredentialsService } from './credentials.service';

@ApiTags('credentials')
@ApiBearerAuth()
@Controller()
export class CredentialsController {
  constructor(private readonly service: CredentialsService) {}

  @Post('course-enrolments/:id/credentials')
  @Access('requester')
  @HttpCode(202)
  request(@Param('id', ParseId) id: string, @Body() dto: RequestCredentialDto, @Actor() actor: Principal) {
    return this.service.requestForCourseEnrolment(id, dto, actor);
  }

  @Get('credentials/:id')
  @Access('viewer')
  get(@Param('id', ParseId) id: string) {
    return this.service.get(id);
  }

  @Get('credentials/:id/document')
  @Access('viewer')
  @ApiProduces('application/pdf')
  async document(
    @Param('id', ParseId) id: string,
    @Query() query: DocumentQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { pdf, number, version } = await this.service.document(id, query.version);
    const disposition = query.download ? 'attachment' : 'inline';
    res.setHeader('Content-Disposition', `${disposition}; filename="credential-${number}-v${version}.pdf"`);
    return new StreamableFile(pdf, { type: 'application/pdf', length: pdf.length });
  }
}
