import { Controller, Get, Header, NotFoundException, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiProduces, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../auth/access.decorator';
import { OpenBadgesService } from '../open-badges/open-badges.service';
import { notFoundPage, verificationPage, verifyPageCsp } from './verify-page';
import { VerifyRateLimitGuard } from './verify-rate-limit.guard';
import { VerifyService } from './verify.service';

@ApiTags('verification')
@Controller('verify')
export class VerifyController {
  constructor(
    private readonly service: VerifyService,
    private readonly openBadges: OpenBadgesService,
  ) {}

  /**
   * Public: the address printed (and QR-coded) on every credential. A browser (Accept: text/html first) gets a page;
   * everyone else, including `Accept: application/json` and `*\/*`, gets JSON.
   */
  @Get(':code')
  @Access('public')
  @UseGuards(VerifyRateLimitGuard)
  @ApiProduces('application/json', 'text/html')
  @ApiTooManyRequestsResponse({ description: 'Too many verifications from one address; see Retry-After' })
  async verify(@Param('code') code: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.vary('Accept');
    if (req.accepts(['application/json', 'text/html']) !== 'text/html') return this.service.verify(code);
    let html: string;
    try {
      html = verificationPage(await this.service.verify(code));
    } catch (err) {
      if (!(err instanceof NotFoundException)) throw err;
      res.status(404);
      html = notFoundPage(err.message);
    }
    res.setHeader('Content-Security-Policy', verifyPageCsp);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Robots-Tag', 'noindex');
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html');
    return html;
  }

  /** Public: the holder's signed Open Badges 3.0 credential, while the credential stands issued. */
  @Get(':code/open-badge.json')
  @Access('public')
  @UseGuards(VerifyRateLimitGuard)
  @Header('Cache-Control', 'no-cache')
  async openBadge(@Param('code') code: string, @Res({ passthrough: true }) res: Response) {
    const { number, badge } = await this.openBadges.forCode(code);
    res.setHeader('Content-Disposition', `attachment; filename="open-badge-${number}.json"`);
    return badge;
  }
}
