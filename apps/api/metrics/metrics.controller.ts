import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import { Access } from '../auth/access.decorator';
import { httpMetrics } from './http-metrics';

/** Prometheus text: HTTP traffic, and the register's state (credentials by status and email status, bulk runs). */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly em: EntityManager) {}

  @Get()
  @Access('viewer')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiProduces('text/plain')
  async metrics(): Promise<string> {
    const connection = this.em.getConnection();
    const [byStatus, byEmail, runs] = await Promise.all([
      connection.execute<{ status: string; n: string }[]>(
        `select status, count(*) as n from credential where deleted_at is null group by status`,
      ),
      connection.execute<{ email_status: string; n: string }[]>(
        `select email_status, count(*) as n from credential where deleted_at is null group by email_status`,
      ),
      connection.execute<{ status: string; n: string }[]>(`select status, count(*) as n from bulk_run group by status`),
    ]);
    return [
      '# HELP credentials Credentials on the register by status.',
      '# TYPE credentials gauge',
      ...byStatus.map((r) => `credentials{status="${r.status}"} ${r.n}`),
      '# HELP credentials_email Credentials by email status.',
      '# TYPE credentials_email gauge',
      ...byEmail.map((r) => `credentials_email{email_status="${r.email_status}"} ${r.n}`),
      '# HELP bulk_runs Bulk runs by status.',
      '# TYPE bulk_runs gauge',
      ...runs.map((r) => `bulk_runs{status="${r.status}"} ${r.n}`),
      ...httpMetrics.render(),
      '',
    ].join('\n');
  }
}
