import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities';
import { migrationsList } from './migrations';

/** One ORM configuration for the API, the worker, migrations and tests. Entities and migrations are listed, not
 * globbed, so the same code runs from TypeScript sources (tests) and compiled JavaScript (dist, Docker). */
export interface OrmOptions {
  poolMax?: number;
  /** Connections kept open when idle (default none). */
  poolMin?: number;
  /** Names the process's sessions in pg_stat_activity. */
  applicationName?: string;
}

export function ormConfig(databaseUrl: string, options: OrmOptions = {}) {
  return defineConfig({
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false },
    pool: { min: options.poolMin ?? 0, max: options.poolMax ?? 10 },
    ...(options.applicationName
      ? { driverOptions: { connection: { application_name: options.applicationName } } }
      : {}),
    forceUtcTimezone: true,
    allowGlobalContext: false,
    ensureDatabase: false,
    debug: false,
  });
}
