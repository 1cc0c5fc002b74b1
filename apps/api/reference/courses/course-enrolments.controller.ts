import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseId } from '../../common/id.pipe';
import { Access, Actor, type Principal } from '../../auth/access.decorator';
import { toEnrolmentResponse, UpdateEnrolmentDto } from './courses.dto';
import { EnrolmentsService } from './enrolments.service';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('course-enrolments')
export class CourseEnrolmentsController {
  constructor(private readonly service: EnrolmentsService) {}

  @Get(':id')
  @Access('viewer')
  async get(@Param('id', ParseId) id: string) {
    return toEnrolmentResponse(await this.service.get(id));
  }

  @Patch(':id')
  @Access('requester')
  async update(@Param('id', ParseId) id: string, @Body() dto: UpdateEnrolmentDto, @Actor() actor: Principal) {
    return toEnrolmentResponse(await this.service.update(id, dto, actor));
  }
}
