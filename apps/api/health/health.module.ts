import { Module } from '@nestjs/common';
import { MetricsController } from '../metrics/metrics.controller';
import { HealthController } from './health.controller';

/** Operations: /metrics and /health. */
@Module({
  controllers: [MetricsController, HealthController],
})
export class HealthModule {}
