import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseId } from '../../common/id.pipe';
import { Access } from '../../auth/access.decorator';
import { pageOf, PageQuery } from '../../common/pagination';
import { CreateCourseDto } from './courses.dto';
import { toCourseResponse } from './course-offer.response';
import { CoursesService } from './courses.service';
import { Idempotent } from '../../common/idempotency.interceptor';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('courses')
export class CoursesController {
  constructor(private readonly service: CoursesService) {}

  @Post()
  @Idempotent()
  @Access('requester')
  async create(@Body() dto: CreateCourseDto) {
    return toCourseResponse(await this.service.createCourse(dto));
  }

  @Get()
  @Access('viewer')
  async list(@Query() query: PageQuery) {
    return pageOf(query, await this.service.listCourses(query), toCourseResponse);
  }

  @Get(':id')
  @Access('viewer')
  async get(@Param('id', ParseId) id: string) {
    return toCourseResponse(await this.service.getCourse(id));
  }
}
