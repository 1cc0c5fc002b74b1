import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseId } from '../common/id.pipe';
import { Access } from '../auth/access.decorator';
import { OpenBadgesService } from './open-badges.service';

@ApiTags('open badges')
@Controller()
export class OpenBadgesController {
  constructor(private readonly service: OpenBadgesService) {}

  /** Public: the issuer's did:web document, with every key it has signed with. */
  @Get('.well-known/did.json')
  @Access('public')
  @Header('Cache-Control', 'public, max-age=300')
  didDocument() {
    return this.service.didDocument();
  }

  /** Public: the same document where a PUBLIC_BASE_URL with a path resolves it (did:web:host:path → /path/did.json). */
  @Get('did.json')
  @Access('public')
  @Header('Cache-Control', 'public, max-age=300')
  didDocumentForPath() {
    return this.service.didDocument();
  }

  /** Public: a signed BitstringStatusListCredential (revocation); each badge's credentialStatus points here. */
  @Get('status-lists/:list')
  @Access('public')
  @Header('Cache-Control', 'no-cache')
  statusList(@Param('list') list: string) {
    return this.service.statusList(list);
  }

  @Get('credentials/:id/open-badge')
  @Access('viewer')
  @ApiBearerAuth()
  openBadge(@Param('id', ParseId) id: string) {
    return this.service.forCredential(id);
  }
}
