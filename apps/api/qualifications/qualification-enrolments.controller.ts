import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, Actor, type Principal } from '../auth/access.decorator';
import { ParseId } from '../common/id.pipe';
import { pageOf, PageQuery } from '../common/pagination';
import {
  CreateQualificationEnrolmentDto,
  QualificationEnrolmentQuery,
  RecordUnitResultDto,
  toQualificationEnrolmentResponse,
  toUnitResultResponse,
} from './qualifications.dto';
import { QualificationEnrolmentsService } from './qualification-enrolments.service';
import { Idempotent } from '../common/idempotency.interceptor';

@ApiTags('qualifications')
@ApiBearerAuth()
@Controller('qualification-enrolments')
export class QualificationEnrolmentsController {
  constructor(private readonly service: QualificationEnrolmentsService) {}

  @Post()
  @Idempotent()
  @Access('requester')
  async enrol(@Body() dto: CreateQualificationEnrolmentDto) {
    return toQualificationEnrolmentResponse(await this.service.enrol(dto));
  }

  @Get()
  @Access('viewer')
  async list(@Query() query: QualificationEnrolmentQuery) {
    return pageOf(query, await this.service.list(query), toQualificationEnrolmentResponse);
  }

  @Get(':id')
  @Access('viewer')
  async get(@Param('id', ParseId) id: string) {
    return toQualificationEnrolmentResponse(await this.service.get(id));
  }

  @Put(':id/unit-results/:unitCode')
  @Access('requester')
  async recordResult(
    @Param('id', ParseId) id: string,
    @Param('unitCode') unitCode: string,
    @Body() dto: RecordUnitResultDto,
    @Actor() actor: Principal,
  ) {
    return toUnitResultResponse(await this.service.recordResult(id, unitCode, dto, actor));
  }

  @Get(':id/unit-results')
  @Access('viewer')
  async listResults(@Param('id', ParseId) id: string, @Query() query: PageQuery) {
    return pageOf(query, await this.service.listResults(id, query), toUnitResultResponse);
  }

  /** The audit as the results stand now, without changing the enrolment: why it is or is not ready, for any reader. */
  @Get(':id/audit')
  @Access('viewer')
  currentAudit(@Param('id', ParseId) id: string) {
    return this.service.auditWithoutApplying(id);
  }

  /** Runs the audit now and answers its result; the enrolment's status follows it (see enrolmentAfterAudit). */
  @Post(':id/audit')
  @Idempotent()
  @HttpCode(200)
  @Access('requester')
  async audit(@Param('id', ParseId) id: string) {
    const { audit, enrolment } = await this.service.audit(id);
    return { ...audit, enrolment: toQualificationEnrolmentResponse(enrolment) };
  }
}
