import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { VerifyRateLimitGuard } from './verify-rate-limit.guard';
import { VerifyService } from './verify.service';

@ApiTags('verification')
@Controller('verify')
export class VerifyController {
  constructor(private readonly service: VerifyService) {}

  /** Public: the address printed (and QR-coded) on every credential. */
  @Get(':code')
  @Access('public')
  @UseGuards(VerifyRateLimitGuard)
  @ApiTooManyRequestsResponse({ description: 'Too many verifications from one address; see Retry-After' })
  verify(@Param('code') code: string) {
    return this.service.verify(code);
  }
}
