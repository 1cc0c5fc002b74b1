import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { roleAtLeast } from '../../../domain/access/roles';
import { ACCESS, SIGNED_LINK, type AccessLevel, type AuthenticatedRequest } from './access.decorator';
import { ApiKeysService } from './api-keys.service';
import { DocumentLinks, type SignedLinkQuery } from './document-links';

/**
 * Missing or unknown key: 401. Known key whose role is too low: 403. Routes marked OrSignedLink also take, without a
 * key, a valid signed link to the `:id` of their path (a bad or expired one: 401 saying which).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly documentLinks: DocumentLinks,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const needed =
      this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS, [context.getHandler(), context.getClass()]) ??
      'admin';
    if (needed === 'public') return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const secret = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    const query = request.query as SignedLinkQuery;
    const linkAllowed = this.reflector.get<boolean | undefined>(SIGNED_LINK, context.getHandler());
    if (linkAllowed && !request.headers.authorization && DocumentLinks.carriesSignature(query)) {
      this.documentLinks.verify(String(request.params.id), query);
      return true;
    }
    if (!secret) throw new UnauthorizedException('Missing API key: send the header "Authorization: Bearer <api key>"');
    const principal = await this.apiKeys.authenticate(secret);
    if (!principal) throw new UnauthorizedException('Unknown or revoked API key');
    if (!roleAtLeast(principal.role, needed)) {
      throw new ForbiddenException(
        `This needs the ${needed} role or higher; this API key has the ${principal.role} role`,
      );
    }
    request.principal = principal;
    return true;
  }
}
