import { Module } from '@nestjs/common';
import { DataFixModule } from '../data-fix/data-fix.module';
import { QualificationsController } from './qualifications.controller';
import { QualificationEnrolmentsController } from './qualification-enrolments.controller';
import { QualificationsService } from './qualifications.service';
import { QualificationEnrolmentsService } from './qualification-enrolments.service';

/** Qualifications, their enrolments and unit results. */
@Module({
  imports: [DataFixModule],
  controllers: [QualificationsController, QualificationEnrolmentsController],
  providers: [QualificationsService, QualificationEnrolmentsService],
})
export class QualificationsModule {}
