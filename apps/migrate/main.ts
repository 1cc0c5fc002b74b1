/**
 * The migration job (the image's migration command, `npm run migrate`): applies committed migrations to DATABASE_URL.
 * Without DATABASE_URL (a developer's machine) it applies them to the embedded database of dev/, as `npm start` does.
 */
import { loadConfig } from '../config';
import { migrate } from './migrate';
import { startLocalPostgres } from '../../dev/local-postgres';

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
