import { loadConfig, requireServices } from '../config';
import { createApp } from './app';

/** The API process. SIGTERM/SIGINT close the server, then the database pool and the Temporal connection. */
async function main(): Promise<void> {
  const config = requireServices(loadConfig());
  const app = await createApp(config);
  // Keep idle connections longer than clients and load balancers do, so a reused connection is never cut mid-request.
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await app.listen(config.port, '0.0.0.0');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
