import { Module } from '@nestjs/common';
import type { AppConfig } from '../../config';
import { credentialSigningKey } from '../../signing-key-file';
import { APP_CONFIG } from '../common/config.token';
import { OpenBadgesController } from './open-badges.controller';
import { OpenBadgesService, SIGNING_KEY } from './open-badges.service';

/** Open Badges 3.0: each issued credential as a signed OpenBadgeCredential, the issuer's DID document, status lists. */
@Module({
  controllers: [OpenBadgesController],
  providers: [
    OpenBadgesService,
    { provide: SIGNING_KEY, inject: [APP_CONFIG], useFactory: (config: AppConfig) => credentialSigningKey(config) },
  ],
  exports: [OpenBadgesService],
})
export class OpenBadgesModule {}
