import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiNodeArgs, workerNodeArgs } from '../../apps/node-args';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('process flags', () => {
  it('are the same in every launcher that does not read apps/node-args.ts', () => {
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    expect(scripts.api).toBe(`node ${apiNodeArgs.join(' ')} dist/apps/api/main.js`);
    expect(scripts.worker).toBe(`node ${workerNodeArgs.join(' ')} dist/apps/worker/main.js`);
    const quoted = (args: readonly string[], script: string) =>
      `["node", ${[...args, script].map((a) => `"${a}"`).join(', ')}]`;
    expect(read('Dockerfile')).toContain(`CMD ${quoted(apiNodeArgs, 'dist/apps/api/main.js')}`);
    const compose = read('docker-compose.yml');
    expect(compose).toContain(`command: ${quoted(apiNodeArgs, 'dist/apps/api/main.js')}`);
    expect(compose).toContain(`command: ${quoted(workerNodeArgs, 'dist/apps/worker/main.js')}`);
  });
});
