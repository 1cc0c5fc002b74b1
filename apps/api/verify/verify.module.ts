import { Module } from '@nestjs/common';
import { VerifyController } from './verify.controller';
import { VerifyService } from './verify.service';
import { VerifyRateLimitGuard } from './verify-rate-limit.guard';
import { OpenBadgesModule } from '../open-badges/open-badges.module';

/** The public verification of a credential by its code (a page for people, JSON, the Open Badge), rate limited. */
@Module({
  imports: [OpenBadgesModule],
  controllers: [VerifyController],
  providers: [VerifyService, VerifyRateLimitGuard],
})
export class VerifyModule {}
