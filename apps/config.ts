import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseSigningKey } from '../domain/open-badges/signing-key';

/** Configuration, read from the environment once at start and validated into this typed object. */
export interface AppConfig {
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  temporalAddress: string | undefined;
  temporalNamespace: string;
  /** The Temporal Web UI: API answers link each workflow there (workflowUrl). */
  temporalUiUrl: string;
  temporalCli: string | undefined;
  adminApiKey: string | undefined;
  publicBaseUrl: string;
  resendApiKey: string | undefined;
  resendBaseUrl: string | undefined;
  resendFrom: string;
  /** Resend's webhook signing secret (whsec_...); unset: POST /webhooks/resend answers 401. */
  resendWebhookSecret: string | undefined;
  dataFixDebounceSeconds: number;
  /** Replacements made after a data fix are issued (and the originals cancelled) without a person's step. */
  autoReissueIssued: boolean;
  /**
   * Renders handed to each render process at once (it renders them one at a time): enough queued that the process
   * still has work while the worker's thread spends a few renders' time on a batch's database work.
   */
  renderConcurrency: number;
  /**
   * Processes the worker forks to render in (at least one: a render on the worker's own thread could not be timed
   * out, since a layout that never finishes holds the very thread its timer would need).
   */
  renderProcesses: number;
  /** Rounds of sample renders (each built-in template once a round) a render process does before it takes renders. */
  renderWarmUpRounds: number;
  /** Sample renders a render process goes on making while it has nothing to render, after it is ready. */
  renderIdleWarmUpRenders: number;
  /** A render in a render process still unfinished after this long fails, and the process is replaced. */
  renderTimeoutSeconds: number;
  /** A credential Requested this long with no bulk run carrying it gets its generation (re)started (0: never). */
  strandedRequestSeconds: number;
  /** The worker's nice value (0 = normal, 19 = lowest): on a shared machine, rendering yields the CPU to the API. */
  workerNice: number;
  emailRatePerSecond: number;
  /** Public verifications a minute from one client address (GET /verify/:code). */
  verifyRatePerMinute: number;
  /** The API's database connections: opened at start and kept, however quiet it gets. */
  apiDbConnections: number;
  /**
   * Express's "trust proxy": which proxies' X-Forwarded-For to believe for the client address (the verify rate limit
   * counts per client). false: none (the socket's address); a number: that many hops; or addresses, CIDR ranges and
   * loopback / linklocal / uniquelocal.
   */
  trustProxy: boolean | number | string[];
  /**
   * The Ed25519 key that signs Open Badges credentials and status lists (CREDENTIAL_SIGNING_KEY); unset, a key is
   * generated once and kept in DATA_DIR (credentialSigningKey() in signing-key-file.ts).
   */
  credentialSigningKey: string | undefined;
  /**
   * The secret signed document links (POST /credentials/:id/preview-link) are signed with (DOCUMENT_LINK_SECRET);
   * unset, one is generated once and kept in DATA_DIR (documentLinkSecret() in api/auth/document-links.ts).
   */
  documentLinkSecret: string | undefined;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** The least length of a configured secret (DOCUMENT_LINK_SECRET). */
export const minSecretLength = 32;

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = text(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = text(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error();
    } catch {
      problems.push(`${name} must be a ${protocols.join(' or ')} URL (got "${raw}")`);
    }
    return raw;
  };

  const port = integer('PORT', 3000, 1, 65535);
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const publicBaseUrl = (url('PUBLIC_BASE_URL', ['http:', 'https:']) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const temporalAddress = text('TEMPORAL_ADDRESS');
  if (temporalAddress && !/^[^\s:/]+:\d+$/.test(temporalAddress)) {
    problems.push(`TEMPORAL_ADDRESS must be host:port (got "${temporalAddress}")`);
  }
  const adminApiKey = text('ADMIN_API_KEY');
  if (adminApiKey && adminApiKey.length < 16) problems.push('ADMIN_API_KEY must be at least 16 characters');
  const logLevel = text('LOG_LEVEL') ?? 'info';
  if (!logLevels.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${logLevels.join(', ')}`);
  const resendFrom = text('RESEND_FROM') ?? 'Credentials <credentials@localhost>';
  if (!/@/.test(resendFrom)) problems.push(`RESEND_FROM must contain an email address (got "${resendFrom}")`);
  const resendWebhookSecret = text('RESEND_WEBHOOK_SECRET');
  if (resendWebhookSecret && !/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(resendWebhookSecret)) {
    problems.push('RESEND_WEBHOOK_SECRET must be the whsec_... signing secret Resend shows for the webhook');
  }

  const trustProxy = ((): AppConfig['trustProxy'] => {
    const raw = text('TRUST_PROXY');
    if (raw === undefined || ['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    if (['true', 'yes'].includes(raw.toLowerCase())) return true;
    if (/^\d+$/.test(raw)) {
      const hops = Number(raw);
      if (hops <= 10) return hops;
    } else {
      const entries = raw.split(',').map((entry) => entry.trim());
      const valid = (entry: string) => {
        if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
        const [address = '', prefix, ...rest] = entry.split('/');
        const family = isIP(address);
        if (!family || rest.length) return false;
        return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
      };
      if (entries.every(valid)) return entries;
    }
    problems.push(
      `TRUST_PROXY must be false, true, a number of proxy hops (0 to 10), or proxy addresses and ranges separated by commas (e.g. 10.0.0.0/8, loopback) (got "${raw}")`,
    );
    return false;
  })();
  const credentialSigningKey = text('CREDENTIAL_SIGNING_KEY');
  if (credentialSigningKey) {
    try {
      parseSigningKey(credentialSigningKey);
    } catch (err) {
      problems.push(`CREDENTIAL_SIGNING_KEY ${(err as Error).message}`);
    }
  }

  const documentLinkSecret = text('DOCUMENT_LINK_SECRET');
  if (documentLinkSecret && documentLinkSecret.length < minSecretLength)
    problems.push(`DOCUMENT_LINK_SECRET must be at least ${minSecretLength} characters (openssl rand -hex 32)`);

  const config: AppConfig = {
    port,
    dataDir: resolve(text('DATA_DIR') ?? './.data'),
    databaseUrl,
    temporalAddress,
    temporalNamespace: text('TEMPORAL_NAMESPACE') ?? 'default',
    // The dev server's UI (npm start) by default.
    temporalUiUrl: (url('TEMPORAL_UI_URL', ['http:', 'https:']) ?? 'http://localhost:8233').replace(/\/+$/, ''),
    temporalCli: text('TEMPORAL_CLI'),
    adminApiKey,
    publicBaseUrl,
    resendApiKey: text('RESEND_API_KEY'),
    resendBaseUrl: url('RESEND_BASE_URL', ['http:', 'https:']),
    resendFrom,
    resendWebhookSecret,
    dataFixDebounceSeconds: integer('DATA_FIX_DEBOUNCE_SECONDS', 30, 0, 86_400),
    autoReissueIssued: boolean('AUTO_REISSUE_ISSUED', true),
    renderConcurrency: integer('RENDER_CONCURRENCY', 4, 1, 64),
    renderProcesses:
      text('RENDER_PROCESSES') === '0'
        ? (problems.push(
            "RENDER_PROCESSES=0 (rendering on the worker's own thread) is no longer offered: such a render cannot be " +
              'stopped by RENDER_TIMEOUT_SECONDS. Use 1 or more',
          ),
          1)
        : integer('RENDER_PROCESSES', 1, 1, 16),
    renderWarmUpRounds: integer('RENDER_WARM_UP_ROUNDS', 5, 0, 100),
    renderIdleWarmUpRenders: integer('RENDER_IDLE_WARM_UP_RENDERS', 2000, 0, 100_000),
    // Under the credential workflow's generation activity's 30 s start-to-close timeout: a render that outlived its
    // activity would be rendered again by the retry, and again.
    renderTimeoutSeconds: integer('RENDER_TIMEOUT_SECONDS', 20, 1, 25),
    workerNice: integer('WORKER_NICE', 10, 0, 19),
    strandedRequestSeconds: integer('STRANDED_REQUEST_SECONDS', 300, 0, 86_400),
    emailRatePerSecond: integer('EMAIL_RATE_PER_SECOND', 2, 1, 1000),
    verifyRatePerMinute: integer('VERIFY_RATE_PER_MINUTE', 30, 1, 100_000),
    apiDbConnections: integer('API_DB_CONNECTIONS', 10, 1, 500),
    trustProxy,
    credentialSigningKey,
    documentLinkSecret,
    logLevel,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** The API and worker need concrete addresses; only the dev-stack launcher may leave them unset. */
export function requireServices(config: AppConfig): AppConfig & { databaseUrl: string; temporalAddress: string } {
  const missing = [
    config.databaseUrl ? null : 'DATABASE_URL',
    config.temporalAddress ? null : 'TEMPORAL_ADDRESS',
  ].filter((name): name is string => name !== null);
  if (missing.length) {
    throw new ConfigError(missing.map((name) => `${name} is required here (npm start sets it for you)`));
  }
  return config as AppConfig & { databaseUrl: string; temporalAddress: string };
}
