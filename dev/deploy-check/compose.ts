import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { searchAttributeNames } from '../../temporal/search-attributes';
import { appRole, settingsProblems } from './app-settings';
import { loadCompose, type ComposeService } from './go-checker';

/** A stand-in for the key the user gives; its value is theirs, so only its name is checked. */
const userGiven = { ADMIN_API_KEY: 'an-admin-key-of-the-users-own' };

/** The Compose file: loaded as `docker compose config` loads it, then what it means for our processes. */
export function composeProblems(root: string): string[] {
  const file = join(root, 'docker-compose.yml');
  const problems: string[] = [];
  const withoutKey = loadCompose(file, {});
  if (withoutKey.ok || !withoutKey.problems.some((problem) => problem.includes('set ADMIN_API_KEY'))) {
    problems.push('docker-compose.yml: without ADMIN_API_KEY, Compose must stop with "set ADMIN_API_KEY"');
  }
  const loaded = loadCompose(file, userGiven);
  if (!loaded.ok) return [...problems, ...loaded.problems.map((problem) => `docker-compose.yml: ${problem}`)];
  const services = Object.entries(loaded.value.services);

  // Generated secrets are shared when the API and the worker mount one named volume at their DATA_DIR.
  const dataVolume = (service: ComposeService) => {
    const mount = service.volumes?.find((volume) => volume.target === service.environment?.DATA_DIR);
    return mount?.type === 'volume' ? mount.source : undefined;
  };
  const longRunning = services.filter(([, service]) => ['api', 'worker'].includes(appRole(service.command) ?? ''));
  const volumes = new Set(longRunning.map(([, service]) => dataVolume(service)));
  const sharedDataDir = volumes.size === 1 && !volumes.has(undefined);

  for (const [name, service] of services) {
    const where = `docker-compose.yml service ${name}`;
    const role = appRole(service.command);
    if (role) {
      // A variable passed through only when set on the host is null here: empty, as the app reads it when unset.
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([key, value]) => [key, value ?? '']),
      );
      problems.push(
        ...settingsProblems({ where, role, env, operatorValues: new Set(Object.keys(userGiven)), sharedDataDir }),
      );
    }
    for (const volume of service.volumes ?? []) {
      if (volume.type === 'bind' && volume.source && !existsSync(volume.source))
        problems.push(`${where} mounts ${relative(root, volume.source)}, which does not exist`);
    }
  }

  // The workflows set these; a start with one the namespace lacks fails.
  const registered = loaded.value.services['temporal-setup']?.environment?.SEARCH_ATTRIBUTES?.split(/\s+/) ?? [];
  const missing = searchAttributeNames.filter((name) => !registered.includes(name));
  if (missing.length) {
    problems.push(
      `docker-compose.yml service temporal-setup does not register ${missing.join(', ')}, which the workflows set`,
    );
  }
  return problems;
}
