import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '../../../domain/access/roles';

export const ACCESS = 'access';
export type AccessLevel = Role | 'public';

/** The least role a route needs; routes without it need admin, so a forgotten decorator fails closed. */
export const Access = (level: AccessLevel) => SetMetadata(ACCESS, level);

export const SIGNED_LINK = 'access:signedLink';

/**
 * The route (`:id` in its path) also answers a request without an API key that carries a valid signed link to that
 * id (DocumentLinks): a PDF in a browser tab. A request with a key is checked as usual.
 */
export const OrSignedLink = () => SetMetadata(SIGNED_LINK, true);

export interface Principal {
  keyId: string | null;
  name: string;
  role: Role;
}

export interface AuthenticatedRequest {
  principal?: Principal;
}

/** Who is calling, for the credential history. */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  return principal ?? { keyId: null, name: 'anonymous', role: 'viewer' };
});
