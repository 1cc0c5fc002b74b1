import { Controller, Get, Headers, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import { Access } from '../auth/access.decorator';
import { ApiKeysService } from '../auth/api-keys.service';
import { TemporalClient } from '../temporal/temporal-client';

type Probe = { up: true } | { up: false; problem: string };

async function probe(check: () => Promise<unknown>): Promise<Probe> {
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 3 s')), 3000).unref()),
    ]);
    return { up: true };
  } catch (err) {
    return { up: false, problem: err instanceof Error ? err.message : String(err) };
  }
}

const word = (p: Probe) => (p.up ? 'up' : 'down');

@ApiTags('operations')
@Access('public')
@Controller('health')
export class HealthController {
  constructor(
    private readonly em: EntityManager,
    private readonly temporal: TemporalClient,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /**
   * 200 when PostgreSQL and Temporal both answer; 503 naming the one that does not. Without a key it says only up or
   * down per dependency: error texts name hosts, users and authentication failures. Any valid key (viewer or higher)
   * also gets the reason a dependency is down.
   */
  @Get()
  async check(@Headers('authorization') authorization?: string) {
    const [db, tmp] = await Promise.all([
      probe(() => this.em.getConnection().execute('select 1')),
      probe(() => this.temporal.connection.workflowService.getSystemInfo({})),
    ]);
    const status = db.up && tmp.up ? 'ok' : 'degraded';
    const result = { status, database: word(db), temporal: word(tmp) };
    if (status === 'ok') return result;
    const secret = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    const detailed = secret ? (await this.apiKeys.authenticate(secret).catch(() => null)) !== null : false;
    if (!detailed)
      throw new ServiceUnavailableException({
        message: `Not healthy: database ${result.database}, temporal ${result.temporal}`,
        details: [result],
      });
    const reason = (p: Probe) => (p.up ? 'up' : `down: ${p.problem}`);
    throw new ServiceUnavailableException({
      message: `Not healthy: database ${reason(db)}, temporal ${reason(tmp)}`,
      details: [
        { ...result, problems: { database: db.up ? null : db.problem, temporal: tmp.up ? null : tmp.problem } },
      ],
    });
  }
}
