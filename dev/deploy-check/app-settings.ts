import { ConfigError, loadConfig, requireServices } from '../../apps/config';

/** Our processes, by the script they run (one image serves all three). */
export type AppRole = 'api' | 'worker' | 'migrate';

export function appRole(command: readonly string[] | null | undefined): AppRole | undefined {
  const script = command?.find((part) => /^dist\/apps\/(api|worker|migrate)\/main\.js$/.test(part));
  return script?.split('/')[2] as AppRole | undefined;
}

/** Every variable the app reads: loadConfig reads each whatever the others hold, so a noting environment lists all. */
const appSettingNames = (() => {
  const read = new Set<string>(['NODE_ENV']); // Express's production mode, read by the libraries
  const noting = new Proxy({} as NodeJS.ProcessEnv, {
    get: (_target, name) => {
      if (typeof name === 'string') read.add(name);
      return undefined;
    },
  });
  loadConfig(noting);
  return read;
})();

/**
 * Secrets a process generates once into DATA_DIR when they are not set (apps/data-dir-secret.ts): every process of
 * these roles must see the same one, so each must be set or DATA_DIR shared between them.
 */
const keptInDataDir: Record<string, AppRole[]> = {
  CREDENTIAL_SIGNING_KEY: ['api', 'worker'],
  DOCUMENT_LINK_SECRET: ['api'],
};

/** What a deployment gives one of our processes: its variables, and what is known of them. */
export interface ProcessSettings {
  /** `compose service api`, `worker.yaml Deployment credentials-engine-worker`, ... */
  where: string;
  role: AppRole;
  env: Record<string, string>;
  /** Variables whose values are the operator's to give (a Secret's): their names are checked, not their values. */
  operatorValues?: ReadonlySet<string>;
  /** DATA_DIR is storage every process of the deployment shares, so secrets generated there are shared too. */
  sharedDataDir: boolean;
}

/**
 * What the app would make of a process's settings: names it does not read (a typo is otherwise silently ignored),
 * values it would refuse at start, services it needs, secrets its replicas would each generate for themselves.
 */
export function settingsProblems({ where, role, env, operatorValues, sharedDataDir }: ProcessSettings): string[] {
  const problems = Object.keys(env)
    .filter((name) => !appSettingNames.has(name))
    .map((name) => `${where} sets ${name}, which the app does not read`);
  const checked = Object.fromEntries(Object.entries(env).filter(([name]) => !operatorValues?.has(name)));
  try {
    const config = loadConfig(checked);
    if (role !== 'migrate')
      requireServices({ ...config, databaseUrl: env.DATABASE_URL, temporalAddress: env.TEMPORAL_ADDRESS });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems.map((problem) => `${where}: ${problem}`));
  }
  for (const [name, roles] of Object.entries(keptInDataDir)) {
    if (roles.includes(role) && !env[name] && !sharedDataDir) {
      problems.push(
        `${where} does not set ${name}, and its DATA_DIR is its own: each replica would generate a different one`,
      );
    }
  }
  return problems;
}

/** An example secret's placeholders the app accepts: the example applied as it is would run with a known key. */
export function acceptedPlaceholders(where: string, values: Record<string, string>): string[] {
  return Object.entries(values)
    .filter(([name, value]) => (name in keptInDataDir || name === 'ADMIN_API_KEY') && value)
    .filter(([name, value]) => {
      try {
        loadConfig({ [name]: value });
        return true;
      } catch {
        return false;
      }
    })
    .map(([name]) => `${where}: the app accepts the example's ${name}; make it a placeholder the app refuses`);
}
