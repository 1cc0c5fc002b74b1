import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { projectRoot } from './paths';

export const temporalCliModule = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

const missingMessage = [
  'No Temporal CLI found, and Go is not installed to build one.',
  'Either install Go (https://go.dev/dl) and run again (the project builds the CLI itself into .tools/bin),',
  `or run \`go install ${temporalCliModule}\` elsewhere and set TEMPORAL_CLI=/path/to/temporal,`,
  'or point TEMPORAL_ADDRESS at a running Temporal server.',
].join('\n  ');

export class TemporalCliMissingError extends Error {
  constructor() {
    super(missingMessage);
    this.name = 'TemporalCliMissingError';
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, extra: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extra].filter(Boolean);
  return dirs.map((dir) => join(dir, name)).find(isExecutable);
}

/** Where the project builds its Go tools (the Temporal CLI, and the server and SQL tool for `npm run cluster`). */
export const toolsBinDir = () => join(projectRoot(), '.tools', 'bin');

/** The `go` command on the PATH or where Go's installer puts it, or undefined. */
export const findGo = () => onPath('go', ['/usr/local/go/bin', join(process.env.HOME ?? '/root', 'go', 'bin')]);

/** Environment for `go install` into .tools/bin: static binaries, and a cache even in a shell without HOME. */
function goInstallEnv(binDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOBIN: binDir,
    CGO_ENABLED: '0',
    // go needs a cache and module folder; a CI shell may have no HOME to put them under.
    ...(process.env.HOME ? {} : { GOCACHE: join(binDir, '..', 'go-cache'), GOPATH: join(binDir, '..', 'go') }),
  };
}

/**
 * `go install module@version` into .tools/bin unless `binary` is there already; returns its path. Throws when Go is
 * missing (`missing` says what else the user can do) or the build fails.
 */
export function goInstallTool(
  module: string,
  binary: string,
  missing: () => Error,
  log: (line: string) => void = console.log,
): string {
  const binDir = toolsBinDir();
  const local = join(binDir, binary);
  if (isExecutable(local)) return local;
  const go = findGo();
  if (!go) throw missing();
  log(`Building ${binary} with ${go} install ${module} (first run only; takes a few minutes)...`);
  mkdirSync(binDir, { recursive: true });
  const result = spawnSync(go, ['install', module], {
    env: goInstallEnv(binDir),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0 || !existsSync(local)) {
    throw new Error(`go install ${module} failed (exit ${result.status}). ${missing().message}`);
  }
  return local;
}

/** `go env NAME` with the same environment go install gets (GOMODCACHE, say), or undefined without Go. */
export function goEnv(name: string): string | undefined {
  const go = findGo();
  if (!go) return undefined;
  const result = spawnSync(go, ['env', name], { env: goInstallEnv(toolsBinDir()), encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() || undefined : undefined;
}

/**
 * TEMPORAL_CLI, else `temporal` on the PATH, else the project-local build in .tools/bin, else build it there with
 * `go install` (a few minutes, once). Throws one clear message when none can be had.
 */
export function resolveTemporalCli(configured: string | undefined, log: (line: string) => void = console.log): string {
  if (configured) {
    if (!isExecutable(configured)) throw new Error(`TEMPORAL_CLI=${configured} is not an executable file`);
    return configured;
  }
  const found = onPath('temporal');
  if (found) return found;
  return goInstallTool(temporalCliModule, 'temporal', () => new TemporalCliMissingError(), log);
}
