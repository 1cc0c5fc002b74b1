/** `npm run migrate`: applies committed migrations to DATABASE_URL, or to the embedded database `npm start` uses. */
import { loadConfig } from '../apps/config';
import { migrate } from './dev-stack/migrate';
import { startLocalPostgres } from './dev-stack/local-postgres';

async function main(): Promise<void> {
  const config = loadConfig();
  const local = config.databaseUrl ? null : await startLocalPostgres(config.dataDir);
  try {
    const applied = await migrate(config.databaseUrl ?? local!.url);
    console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await local?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
