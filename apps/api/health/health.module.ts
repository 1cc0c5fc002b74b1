import { Module } from '@nestjs/common';
import { MetricsController } from '../metrics/metrics.controller';
import { HealthController } from './health.controller';
import { AuthModule } from '../auth/auth.module';

/** Operations: /metrics and /health. */
@Module({
  // ApiKeysService: a key on /health gets the reasons a dependency is down.
  imports: [AuthModule],
  controllers: [MetricsController, HealthController],
})
export class HealthModule {}
