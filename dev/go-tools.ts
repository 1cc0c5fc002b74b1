import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { projectRoot } from './paths';

// The project's Go tools: built into .tools/bin on first use, since no machine is assumed to have them.

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function onPath(name: string, extra: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extra].filter(Boolean);
  return dirs.map((dir) => join(dir, name)).find(isExecutable);
}

/** Where the project builds its Go tools (the Temporal CLI, server and SQL tool, the deploy files' checker). */
export const toolsBinDir = () => join(projectRoot(), '.tools', 'bin');

/** The `go` command on the PATH or where Go's installer puts it, or undefined. */
export const findGo = () => onPath('go', ['/usr/local/go/bin', join(process.env.HOME ?? '/root', 'go', 'bin')]);

/** Environment for building into .tools/bin: static binaries, and a cache even in a shell without HOME. */
function goBuildEnv(binDir: string): NodeJS.ProcessEnv {
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
    env: goBuildEnv(binDir),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0 || !existsSync(local)) {
    throw new Error(`go install ${module} failed (exit ${result.status}). ${missing().message}`);
  }
  return local;
}

/**
 * `go build` of a Go module of this repository (`dir`) into .tools/bin/`binary`; returns its path. Built every time,
 * so it follows the source: Go's build cache makes a build of unchanged code take a second.
 */
export function goBuildTool(dir: string, binary: string, missing: () => Error): string {
  const binDir = toolsBinDir();
  const go = findGo();
  if (!go) throw missing();
  mkdirSync(binDir, { recursive: true });
  const local = join(binDir, binary);
  const result = spawnSync(go, ['build', '-o', local, '.'], {
    cwd: join(projectRoot(), dir),
    env: goBuildEnv(binDir),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0 || !existsSync(local)) throw new Error(`go build in ${dir} failed (exit ${result.status})`);
  return local;
}

/** `go env NAME` with the same environment the builds get (GOMODCACHE, say), or undefined without Go. */
export function goEnv(name: string): string | undefined {
  const go = findGo();
  if (!go) return undefined;
  const result = spawnSync(go, ['env', name], { env: goBuildEnv(toolsBinDir()), encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() || undefined : undefined;
}
