import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newApiKeySecret } from '../apps/api/auth/api-key.secret';

/** ADMIN_API_KEY when set; otherwise a key generated once and kept in the data dir (readable by its owner only). */
export function localAdminKey(dataDir: string, configured: string | undefined): string {
  if (configured) return configured;
  const file = join(dataDir, 'admin-api-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = newApiKeySecret();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
