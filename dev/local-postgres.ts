import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { isPortFree } from './ports';
import { stopProcess } from './processes';

export const localPostgresPort = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329);

/** Starts postgres-process.js (compiled) for the data dir and waits for its `ready` line. */
export async function startLocalPostgres(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  if (!(await isPortFree(localPostgresPort))) {
    throw new Error(
      `Port ${localPostgresPort} for the embedded PostgreSQL is taken (another npm start?). ` +
        'Stop it, set EMBEDDED_POSTGRES_PORT, or set DATABASE_URL to use your own PostgreSQL.',
    );
  }
  const child = spawn(
    process.execPath,
    [join(__dirname, 'postgres-process.js'), dataDir, String(localPostgresPort), 'credentials'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => line.startsWith('ready ') && resolve(line.slice(6)));
    child.once('exit', (code) =>
      reject(new Error(`embedded PostgreSQL exited (code ${code}); see ${dataDir}/logs/postgres.log`)),
    );
  });
  return { url, stop: () => stopProcess(child, 20_000) };
}
