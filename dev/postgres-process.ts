/**
 * Runs embedded PostgreSQL as its own process so that `npm start` decides when it stops (last, after the API and
 * worker have drained). Prints one line `ready <url>` when the database accepts connections; SIGTERM stops it.
 * Usage: node postgres-process.js <dataDir> <port> <database>
 */
import { startEmbeddedPostgres } from './postgres';

const [dataDir, port, database] = process.argv.slice(2);
if (!dataDir || !port || !database) {
  console.error('usage: postgres-process <dataDir> <port> <database>');
  process.exit(2);
}
startEmbeddedPostgres(dataDir, Number(port), database).then(
  (db) => console.log(`ready ${db.url}`),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
