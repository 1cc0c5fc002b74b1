import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../common/config.token';
import { clientKey, RateLimiter } from './rate-limiter';

/** At most VERIFY_RATE_PER_MINUTE verifications a minute from one client (address or IPv6 /64); then a 429. */
@Injectable()
export class VerifyRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limiter = new RateLimiter(config.verifyRatePerMinute, 60_000);
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    // req.ip is the socket's address, or the forwarded client when TRUST_PROXY names the proxy; IPv6 counts per /64.
    const verdict = this.limiter.take(clientKey(request.ip ?? request.socket.remoteAddress ?? 'unknown'));
    if (verdict.allowed) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(verdict.retryAfterSeconds));
    throw new HttpException(
      `Too many verification requests from your address: at most ${this.limiter.limit} a minute. Try again in ${verdict.retryAfterSeconds} seconds.`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
