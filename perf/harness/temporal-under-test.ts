/**
 * The Temporal a harness stack runs on: the dev server (one process, SQLite file) as `npm start` runs it, or the
 * server's four services on the stack's PostgreSQL as `npm run cluster` runs them. Both run as background work (the
 * worker's niceness), so on one machine the APIs answer first.
 */
import { join } from 'node:path';
import { resolveTemporalCli } from '../../dev/temporal-cli';
import { startTemporalDevServer } from '../../dev/temporal-server';
import {
  ensureNamespace,
  pickClusterPorts,
  postgresTargetFromUrl,
  resolveTemporalServerTools,
  setupTemporalSchemas,
  TemporalCluster,
  temporalServices,
  type TemporalService,
} from './temporal-cluster';

export interface TemporalUnderTest {
  address: string;
  stop(): Promise<void>;
  /** Roots for cpuSnapshot: a pid, or a text in the root process's command line. */
  cpuRoots(): Record<string, number | string | undefined>;
  /** Only on a cluster: one service killed and started again. */
  restartService?(service: TemporalService, signal: NodeJS.Signals, downMs: number): Promise<void>;
}

interface Common {
  dataDir: string;
  logDir: string;
  say: (line: string) => void;
  nice: number;
}

export async function startDevTemporal(options: Common & { port: number }): Promise<TemporalUnderTest> {
  const dbFile = join(options.dataDir, 'temporal.db');
  const server = await startTemporalDevServer({
    cli: resolveTemporalCli(process.env.TEMPORAL_CLI, options.say),
    port: options.port,
    dbFile,
    logFile: join(options.logDir, 'temporal.log'),
    nice: options.nice,
  });
  return { address: server.address, stop: () => server.stop(), cpuRoots: () => ({ temporal: dbFile }) };
}

/** The cluster's four services on `databaseUrl`'s server (schemas created or updated first), `namespace` registered. */
export async function startClusterTemporal(
  options: Common & {
    databaseUrl: string;
    namespace?: string;
    onUnexpectedExit: (service: TemporalService, how: string) => void;
  },
): Promise<TemporalUnderTest & { cluster: TemporalCluster }> {
  const { say, namespace = 'default' } = options;
  const started = Date.now();
  const tools = resolveTemporalServerTools(say);
  say(`Temporal server and SQL tool ready (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const target = postgresTargetFromUrl(options.databaseUrl);
  const created = await setupTemporalSchemas(tools.sqlTool, target, join(options.logDir, 'temporal-schema.log'));
  say(`Temporal schemas up to date${created.length ? ` (${created.join(', ')})` : ''}`);
  const cluster = new TemporalCluster(
    {
      server: tools.server,
      target,
      dir: options.dataDir,
      logDir: options.logDir,
      nice: options.nice,
      onUnexpectedExit: options.onUnexpectedExit,
    },
    await pickClusterPorts(join(options.dataDir, 'temporal-ports.json')),
  );
  try {
    say('starting Temporal history, matching, frontend and worker services');
    await cluster.startAll();
    const added = await ensureNamespace(cluster.address, namespace);
    say(`namespace ${namespace} ready${added.length ? `; registered search attributes ${added.join(', ')}` : ''}`);
  } catch (err) {
    await cluster.stop(); // the services that did start, so none is left running
    throw err;
  }
  return {
    cluster,
    address: cluster.address,
    stop: () => cluster.stop(),
    cpuRoots: () => Object.fromEntries(temporalServices.map((s) => [`temporal-${s}`, cluster.pid(s)])),
    restartService: async (service, signal, downMs) => {
      await cluster.stopService(service, signal);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      cluster.startService(service);
      if (service === 'frontend') await cluster.waitForFrontend();
    },
  };
}
