import { Module } from '@nestjs/common';
import { OverdueController } from './overdue.controller';
import { OverdueService } from './overdue.service';

/** What is overdue: enrolments whose credential should have been issued within 30 days of meeting the requirements. */
@Module({
  controllers: [OverdueController],
  providers: [OverdueService],
})
export class OverdueModule {}
