import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import { Access } from '../auth/access.decorator';
import { TemporalClient } from '../temporal/temporal-client';

async function probe(check: () => Promise<unknown>): Promise<'up' | string> {
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 3 s')), 3000).unref()),
    ]);
    return 'up';
  } catch (err) {
    return `down: ${err instanceof Error ? err.message : String(err)}`;
  }
}

@ApiTags('operations')
@Access('public')
@Controller('health')
export class HealthController {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalClient,
  ) {}

  /** 200 when PostgreSQL and Temporal both answer; 503 naming the one that does not. */
  @Get()
  async check() {
    const [database, temporal] = await Promise.all([
      probe(() => this.em.getConnection().execute('select 1')),
      probe(() => this.temporal.connection.workflowService.getSystemInfo({})),
    ]);
    const status = database === 'up' && temporal === 'up' ? 'ok' : 'degraded';
    const result = { status, database, temporal };
    if (status !== 'ok')
      throw new ServiceUnavailableException({
        message: `Not healthy: database ${database}, temporal ${temporal}`,
        details: [result],
      });
    return result;
  }
}
