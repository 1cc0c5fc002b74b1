import { goInstallTool, isExecutable, onPath } from './go-tools';

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
