/** `npm run temporal:install`: finds or builds the Temporal CLI the way `npm start` and the tests do. */
import { loadConfig } from '../apps/config';
import { resolveTemporalCli } from './temporal-cli';

try {
  console.log(`Temporal CLI: ${resolveTemporalCli(loadConfig().temporalCli)}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
