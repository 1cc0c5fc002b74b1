import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newSigningKeyText, parseSigningKey, type SigningKey } from '../domain/open-badges/signing-key';
import { ConfigError, type AppConfig } from './config';

/**
 * The credential signing key: CREDENTIAL_SIGNING_KEY when set (validated by loadConfig); otherwise, for local use, a
 * key generated once and kept in DATA_DIR/credential-signing-key (readable by its owner only). The API and the worker
 * may both start first: the file is created exclusively and whoever loses the race reads the winner's key.
 */
export function credentialSigningKey(config: Pick<AppConfig, 'dataDir' | 'credentialSigningKey'>): SigningKey {
  if (config.credentialSigningKey) return parseSigningKey(config.credentialSigningKey);
  const file = join(config.dataDir, 'credential-signing-key');
  mkdirSync(config.dataDir, { recursive: true });
  try {
    writeFileSync(file, `${newSigningKeyText()}\n`, { mode: 0o600, flag: 'wx' });
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
      return parseSigningKey(text);
    } catch (err) {
      throw new ConfigError([`${file} ${(err as Error).message}: fix or remove it, or set CREDENTIAL_SIGNING_KEY`]);
    }
  }
}
