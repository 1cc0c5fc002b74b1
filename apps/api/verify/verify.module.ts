import { Module } from '@nestjs/common';
import { VerifyController } from './verify.controller';
import { VerifyService } from './verify.service';
import { VerifyRateLimitGuard } from './verify-rate-limit.guard';

/** The public verification of a credential by its code, rate limited. */
@Module({
  controllers: [VerifyController],
  providers: [VerifyService, VerifyRateLimitGuard],
})
export class VerifyModule {}
