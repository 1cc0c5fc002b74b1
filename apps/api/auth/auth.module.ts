import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { MeController } from './me.controller';
import { DocumentLinks, documentLinkSecret } from './document-links';
import type { AppConfig } from '../../config';
import { APP_CONFIG } from '../common/config.token';

/**
 * API keys, who the caller is (GET /me) and signed document links. Exports ApiKeysService and DocumentLinks for the
 * global ApiKeyGuard, which AppModule registers; the credentials module makes links with DocumentLinks.
 */
@Module({
  controllers: [ApiKeysController, MeController],
  providers: [
    ApiKeysService,
    {
      provide: DocumentLinks,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new DocumentLinks(documentLinkSecret(config)),
    },
  ],
  exports: [ApiKeysService, DocumentLinks],
})
export class AuthModule {}
