import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ParseId } from '../common/id.pipe';
import { Access, Actor, type Principal } from '../auth/access.decorator';
import { BulkActionDto, BulkEnrolmentRequestDto } from './bulk-runs.dto';
import {
  BulkRunQuery,
  BulkRunResponse,
  BulkRunSummary,
  toBulkRunResponse,
  toBulkRunSummary,
} from './bulk-run.response';
import { pageOf, PageOfType } from '../common/pagination';
import { WorkflowLinks } from '../temporal/workflow-links';
import { BulkRunsService } from './bulk-runs.service';
import { Idempotent } from '../common/idempotency.interceptor';
import { streamMergedPdf } from '../credentials/merge/merge.service';

@ApiTags('bulk runs')
@ApiBearerAuth()
@Controller()
export class BulkRunsController {
  constructor(
    private readonly service: BulkRunsService,
    private readonly links: WorkflowLinks,
  ) {}

  @Post('course-offers/:id/credential-requests')
  @Idempotent()
  @Access('requester')
  @HttpCode(202)
  requestForOffer(@Param('id', ParseId) id: string, @Body() dto: BulkEnrolmentRequestDto, @Actor() actor: Principal) {
    return this.service.requestForCourseOffer(id, dto, actor);
  }

  @Post('qualification-enrolments/credential-requests')
  @Idempotent()
  @Access('requester')
  @HttpCode(202)
  requestForQualifications(@Body() dto: BulkEnrolmentRequestDto, @Actor() actor: Principal) {
    return this.service.requestForQualificationEnrolments(dto, actor);
  }

  @Post('qualifications/:id/audit')
  @Idempotent()
  @Access('requester')
  @HttpCode(202)
  auditQualification(@Param('id', ParseId) id: string, @Actor() actor: Principal) {
    return this.service.auditQualification(id, actor);
  }

  @Post('credentials/actions')
  @Idempotent()
  @Access('issuer')
  @HttpCode(202)
  act(@Body() dto: BulkActionDto, @Actor() actor: Principal) {
    return this.service.act(dto, actor);
  }

  @Get('bulk-runs')
  @Access('viewer')
  @ApiOkResponse({ type: PageOfType(BulkRunSummary), description: 'Newest first' })
  async list(@Query() query: BulkRunQuery) {
    return pageOf(query, await this.service.list(query), (run) => toBulkRunSummary(run, this.links.bulkRun(run.id)));
  }

  @Get('bulk-runs/:id')
  @Access('viewer')
  @ApiOkResponse({ type: BulkRunResponse })
  async get(@Param('id', ParseId) id: string) {
    const { run, failures } = await this.service.get(id);
    return toBulkRunResponse(run, failures, this.links.bulkRun(run.id));
  }

  /** A finished print run's credentials as one PDF, in the order they were asked for. */
  @Get('bulk-runs/:id/document')
  @Access('issuer')
  @ApiProduces('application/pdf')
  async document(@Param('id', ParseId) id: string, @Res({ passthrough: true }) res: Response) {
    const merged = await this.service.printDocument(id);
    res.setHeader('Content-Disposition', `inline; filename="bulk-print-${id}.pdf"`);
    return streamMergedPdf(merged);
  }
}
