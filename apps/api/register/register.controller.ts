import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ParseId } from '../common/id.pipe';
import { RegisterQuery } from './register.query';
import { RegisterPage } from './register.response';
import { RegisterService } from './register.service';

/** GET /credentials and its scoped lists; GET /credentials/:id stays in CredentialsController. */
@ApiTags('credential register')
@ApiBearerAuth()
@Controller()
export class RegisterController {
  constructor(private readonly service: RegisterService) {}

  @Get('credentials')
  @Access('viewer')
  @ApiOkResponse({ type: RegisterPage, description: 'The Credential Register, newest credential date first' })
  list(@Query() query: RegisterQuery) {
    return this.service.list(query);
  }

  @Get('learners/:id/credentials')
  @Access('viewer')
  @ApiOkResponse({ type: RegisterPage, description: "A learner's credentials" })
  forLearner(@Param('id', ParseId) id: string, @Query() query: RegisterQuery) {
    return this.service.list(query, { learnerId: id });
  }

  @Get('course-offers/:id/credentials')
  @Access('viewer')
  @ApiOkResponse({ type: RegisterPage, description: 'Credentials of one course offer' })
  forCourseOffer(@Param('id', ParseId) id: string, @Query() query: RegisterQuery) {
    return this.service.list(query, { courseOfferId: id });
  }

  @Get('qualifications/:id/credentials')
  @Access('viewer')
  @ApiOkResponse({ type: RegisterPage, description: 'Credentials of one qualification' })
  forQualification(@Param('id', ParseId) id: string, @Query() query: RegisterQuery) {
    return this.service.list(query, { qualificationId: id });
  }
}
