import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access } from '../auth/access.decorator';
import { ResendWebhookService } from './resend-webhook.service';
import { Idempotent } from '../common/idempotency.interceptor';

@ApiTags('webhooks')
@Controller('webhooks')
export class ResendWebhookController {
  constructor(private readonly service: ResendWebhookService) {}

  /** Public: authenticated by Resend's Svix signature over the raw body (kept by the JSON parser in app.ts). */
  @Post('resend')
  @Idempotent()
  @Access('public')
  @HttpCode(200)
  @ApiOperation({
    summary: "Resend's delivery events (svix-id, svix-timestamp, svix-signature headers); 401 on a bad signature",
  })
  receive(@Req() req: Request & { rawBody?: Buffer }) {
    return this.service.receive(req.rawBody, {
      id: req.header('svix-id'),
      timestamp: req.header('svix-timestamp'),
      signature: req.header('svix-signature'),
    });
  }
}
