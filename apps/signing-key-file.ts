import { newSigningKeyText, parseSigningKey, type SigningKey } from '../domain/open-badges/signing-key';
import type { AppConfig } from './config';
import { secretKeptInDataDir } from './data-dir-secret';

/**
 * The credential signing key: CREDENTIAL_SIGNING_KEY when set (validated by loadConfig); otherwise, for local use, a
 * key generated once and kept in DATA_DIR/credential-signing-key, shared by the API and the worker.
 */
export function credentialSigningKey(config: Pick<AppConfig, 'dataDir' | 'credentialSigningKey'>): SigningKey {
  if (config.credentialSigningKey) return parseSigningKey(config.credentialSigningKey);
  return secretKeptInDataDir(
    config.dataDir,
    'credential-signing-key',
    'CREDENTIAL_SIGNING_KEY',
    newSigningKeyText,
    parseSigningKey,
  );
}
