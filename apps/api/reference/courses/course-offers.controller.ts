import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseId } from '../../common/id.pipe';
import { Access } from '../../auth/access.decorator';
import { pageOf, PageQuery } from '../../common/pagination';
import {
  CourseOfferQuery,
  CreateCourseOfferDto,
  CreateEnrolmentDto,
  toCourseOfferResponse,
  toEnrolmentResponse,
} from './courses.dto';
import { CoursesService } from './courses.service';
import { EnrolmentsService } from './enrolments.service';
import { Idempotent } from '../../common/idempotency.interceptor';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('course-offers')
export class CourseOffersController {
  constructor(
    private readonly courses: CoursesService,
    private readonly enrolments: EnrolmentsService,
  ) {}

  @Post()
  @Idempotent()
  @Access('requester')
  async create(@Body() dto: CreateCourseOfferDto) {
    return toCourseOfferResponse(await this.courses.createOffer(dto));
  }

  @Get()
  @Access('viewer')
  async list(@Query() query: CourseOfferQuery) {
    return pageOf(query, await this.courses.listOffers(query), toCourseOfferResponse);
  }

  @Get(':id')
  @Access('viewer')
  async get(@Param('id', ParseId) id: string) {
    return toCourseOfferResponse(await this.courses.getOffer(id));
  }

  @Post(':id/enrolments')
  @Idempotent()
  @Access('requester')
  async enrol(@Param('id', ParseId) id: string, @Body() dto: CreateEnrolmentDto) {
    return toEnrolmentResponse(await this.enrolments.enrol(id, dto));
  }

  @Get(':id/enrolments')
  @Access('viewer')
  async listEnrolments(@Param('id', ParseId) id: string, @Query() query: PageQuery) {
    return pageOf(query, await this.enrolments.list(id, query), toEnrolmentResponse);
  }
}
