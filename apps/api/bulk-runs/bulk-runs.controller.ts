import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseId } from '../common/id.pipe';
import { Access, Actor, type Principal } from '../auth/access.decorator';
import { BulkActionDto, BulkCourseRequestDto, toBulkRunResponse } from './bulk-runs.dto';
import { BulkRunsService } from './bulk-runs.service';

@ApiTags('bulk runs')
@ApiBearerAuth()
@Controller()
export class BulkRunsController {
  constructor(private readonly service: BulkRunsService) {}

  @Post('course-offers/:id/credential-requests')
  @Access('requester')
  @HttpCode(202)
  requestForOffer(@Param('id', ParseId) id: string, @Body() dto: BulkCourseRequestDto, @Actor() actor: Principal) {
    return this.service.requestForCourseOffer(id, dto, actor);
  }

  @Post('credentials/actions')
  @Access('issuer')
  @HttpCode(202)
  act(@Body() dto: BulkActionDto, @Actor() actor: Principal) {
    return this.service.act(dto, actor);
  }

  @Get('bulk-runs/:id')
  @Access('viewer')
  async get(@Param('id', ParseId) id: string) {
    const { run, failures } = await this.service.get(id);
    return toBulkRunResponse(run, failures);
  }
}
