import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ParseId } from '../../common/id.pipe';
import { Access } from '../../auth/access.decorator';
import { pageOf, PageOfType } from '../../common/pagination';
import { CourseOfferQuery, CreateCourseOfferDto, CreateEnrolmentDto, toEnrolmentResponse } from './courses.dto';
import { CourseOfferResponse, toCourseOfferResponse } from './course-offer.response';
import { CoursesService } from './courses.service';
import { EnrolmentsService } from './enrolments.service';
import { OfferEnrolmentsService } from './offer-enrolments.service';
import { EnrolmentListQuery, EnrolmentReadinessResponse, toEnrolmentReadinessPage } from './offer-enrolments.dto';
import { Idempotent } from '../../common/idempotency.interceptor';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('course-offers')
export class CourseOffersController {
  constructor(
    private readonly courses: CoursesService,
    private readonly enrolments: EnrolmentsService,
    private readonly offerEnrolments: OfferEnrolmentsService,
  ) {}

  @Post()
  @Idempotent()
  @Access('requester')
  @ApiCreatedResponse({ type: CourseOfferResponse })
  async create(@Body() dto: CreateCourseOfferDto) {
    return toCourseOfferResponse(await this.courses.createOffer(dto));
  }

  @Get()
  @Access('viewer')
  @ApiOkResponse({ type: PageOfType(CourseOfferResponse), description: 'Offers, newest start first' })
  async list(@Query() query: CourseOfferQuery) {
    return pageOf(query, await this.courses.listOffers(query), toCourseOfferResponse);
  }

  @Get(':id')
  @Access('viewer')
  @ApiOkResponse({ type: CourseOfferResponse })
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
  @ApiOkResponse({ type: PageOfType(EnrolmentReadinessResponse), description: 'By learner name' })
  async listEnrolments(@Param('id', ParseId) id: string, @Query() query: EnrolmentListQuery) {
    return toEnrolmentReadinessPage(query, await this.offerEnrolments.list(id, query));
  }
}
