import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { MeController } from './me.controller';

/**
 * API keys, and who the caller is (GET /me). Exports ApiKeysService for the global ApiKeyGuard, which AppModule
 * registers.
 */
@Module({
  controllers: [ApiKeysController, MeController],
  providers: [ApiKeysService],
  exports: [ApiKeysService],
})
export class AuthModule {}
