/**
 * Developer tool: diffs the entities against a database that has every committed migration applied and writes the
 * difference as a new migration under domain/migrations. Add the new class to domain/migrations/index.ts.
 * Usage: DATABASE_URL=postgres://... npm run migration:create
 */
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../domain/orm-config';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a scratch database');
  const config = ormConfig(url);
  const orm = await MikroORM.init({
    ...config,
    migrations: { ...config.migrations, path: join(__dirname, '../../domain/migrations'), emit: 'ts' },
  });
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration();
    console.log(result.fileName ? `wrote ${result.fileName}` : 'no changes');
  } finally {
    await orm.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
