import { spawnSync } from 'node:child_process';
import { goBuildTool } from '../go-tools';

/** What the Go checker (deploy/check) printed: its JSON, or its problems, one a line. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

let binary: string | undefined;

/** Builds deploy/check once per process (Go's cache makes it quick after the first build on a machine). */
export function checker(): string {
  binary ??= goBuildTool('deploy/check', 'deploy-check', () => new Error('Go is needed to check the deploy files'));
  return binary;
}

function run<T>(args: string[]): Checked<T> {
  const result = spawnSync(checker(), args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status === 0) return { ok: true, value: JSON.parse(result.stdout) as T };
  const problems = result.stderr.split('\n').filter((line) => line.trim());
  return { ok: false, problems: problems.length ? problems : [`deploy-check exited ${result.status}`] };
}

/** A Compose service as `docker compose config` gives it (the fields the project's checks read). */
export interface ComposeService {
  image?: string;
  command?: string[] | null;
  /** A variable passed through from the host only when set there is null when it is not. */
  environment?: Record<string, string | null>;
  volumes?: Array<{ type: string; source?: string; target: string }>;
}

export interface ComposeProject {
  services: Record<string, ComposeService>;
}

/** The Compose file loaded as `docker compose config` loads it, with `env` as the shell's variables. */
export const loadCompose = (file: string, env: Record<string, string>) =>
  run<ComposeProject>(['compose', file, ...Object.entries(env).map(([name, value]) => `${name}=${value}`)]);

/** One object of a manifest, decoded strictly into the Kubernetes API's types. */
export interface ManifestObject {
  file: string;
  kind: string;
  name: string;
  object: Record<string, any>;
}

/** Every object of the manifests, or what the API server would refuse in them. */
export const decodeManifests = (files: string[]) => run<ManifestObject[]>(['k8s', ...files]);
