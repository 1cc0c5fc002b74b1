import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config';

/**
 * A secret for local use, generated once and kept in DATA_DIR/<fileName> (readable by its owner only), for when its
 * setting (`setting`, e.g. CREDENTIAL_SIGNING_KEY) is not configured. Every process of the deployment that shares the
 * data dir reads the same one. The API and the worker may start at once: the file is created exclusively and whoever
 * loses the race reads the winner's secret.
 */
export function secretKeptInDataDir<T>(
  dataDir: string,
  fileName: string,
  setting: string,
  make: () => string,
  parse: (text: string) => T,
): T {
  const file = join(dataDir, fileName);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, `${make()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  for (let attempt = 0; ; attempt++) {
    const text = readFileSync(file, 'utf8').trim();
    // The other process may have created the file but not yet written it.
    if (!text && attempt < 50) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      continue;
    }
    try {
      return parse(text);
    } catch (err) {
      throw new ConfigError([`${file} ${(err as Error).message}: fix or remove it, or set ${setting}`]);
    }
  }
}
