import { Module } from '@nestjs/common';
import { DataFixModule } from '../data-fix/data-fix.module';
import { OrganisationController } from './organisation/organisation.controller';
import { OrganisationService } from './organisation/organisation.service';
import { IssuingOfficersController } from './issuing-officers/issuing-officers.controller';
import { IssuingOfficersService } from './issuing-officers/issuing-officers.service';
import { LearnersController } from './learners/learners.controller';
import { LearnersService } from './learners/learners.service';
import { UnitsController } from './units/units.controller';
import { UnitsService } from './units/units.service';
import { CoursesController } from './courses/courses.controller';
import { CourseOffersController } from './courses/course-offers.controller';
import { CourseEnrolmentsController } from './courses/course-enrolments.controller';
import { CoursesService } from './courses/courses.service';
import { EnrolmentsService } from './courses/enrolments.service';
import { OfferEnrolmentsService } from './courses/offer-enrolments.service';

/** The organisation, issuing officers, learners, units, courses, offers and enrolments. */
@Module({
  imports: [DataFixModule],
  controllers: [
    OrganisationController,
    IssuingOfficersController,
    LearnersController,
    UnitsController,
    CoursesController,
    CourseOffersController,
    CourseEnrolmentsController,
  ],
  providers: [
    OrganisationService,
    IssuingOfficersService,
    LearnersService,
    UnitsService,
    CoursesService,
    EnrolmentsService,
    OfferEnrolmentsService,
  ],
})
export class ReferenceDataModule {}
