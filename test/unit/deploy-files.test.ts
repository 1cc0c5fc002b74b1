import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { composeProblems } from '../../dev/deploy-check/compose';
import { checker } from '../../dev/deploy-check/go-checker';
import { imageDependencyProblems, imageEntryPoints, packagesRequired } from '../../dev/deploy-check/image-dependencies';
import { kubernetesProblems } from '../../dev/deploy-check/kubernetes';
import { projectRoot } from '../../dev/paths';

const root = projectRoot();
const copies: string[] = [];

/** A copy of the deploy files with one changed in one place, to see each check fail. */
function copyWith(file: string, from: string | RegExp, to: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-files-'));
  copies.push(dir);
  cpSync(join(root, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
  // The checker's Go sources are not deploy files; judged by path under deploy/ (the checkout's path may hold "check").
  const checkerDir = join(root, 'deploy', 'check');
  cpSync(join(root, 'deploy'), join(dir, 'deploy'), {
    recursive: true,
    filter: (src) => relative(checkerDir, src).startsWith('..'),
  });
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`${file} holds no ${String(from)}`);
  writeFileSync(path, after);
  return dir;
}

describe('deploy files', () => {
  // The first build of deploy/check on a machine fetches and compiles the Compose and Kubernetes libraries.
  beforeAll(() => checker(), 15 * 60_000);
  afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('docker-compose.yml and the Kubernetes manifests pass every check', () => {
    expect(composeProblems(root)).toEqual([]);
    expect(kubernetesProblems(root)).toEqual([]);
  });

  it.each([
    ['a key the Compose Specification lacks', 'depends_on:', 'depends_onn:', 'depends_onn'],
    ['ADMIN_API_KEY not required', '${ADMIN_API_KEY:?set ADMIN_API_KEY}', '${ADMIN_API_KEY:-}', 'stop with'],
    ['a setting misspelt', 'RENDER_CONCURRENCY:\n', 'RENDER_CONCURENCY:\n', 'sets RENDER_CONCURENCY, which the app'],
    ['a value the app refuses', '${LOG_LEVEL:-info}', '${LOG_LEVEL:-verbose}', 'LOG_LEVEL must be one of'],
    [
      'no Temporal address',
      '  TEMPORAL_ADDRESS: temporal:7233\n  TEMPORAL_NAMESPACE',
      '  TEMPORAL_NAMESPACE',
      'TEMPORAL_ADDRESS is required',
    ],
    [
      'the worker on its own DATA_DIR',
      /(stop_grace_period[\s\S]*?)volumes:\n {6}- appdata:\/data\n/,
      '$1',
      'service worker does not set CREDENTIAL_SIGNING_KEY',
    ],
    ['a search attribute not registered', ' CredentialAction\n', '\n', 'does not register CredentialAction'],
    [
      'a mounted file missing',
      './deploy/temporal-dynamic-config.yaml',
      './deploy/dynamic-config.yaml',
      'dynamic-config.yaml, which does not exist',
    ],
  ])('docker-compose.yml with %s is refused', (_what, from, to, expected) => {
    const problems = composeProblems(copyWith('docker-compose.yml', from, to));
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it.each([
    [
      'a field the API lacks',
      'worker.yaml',
      'terminationGracePeriodSeconds',
      'terminationGracePeriod',
      'unknown field',
    ],
    ['a quantity that is none', 'worker.yaml', 'memory: 1Gi', 'memory: 1 GiB', 'quantities must match'],
    ['a request over its limit', 'api.yaml', 'cpu: "1"', 'cpu: "3"', 'requests 3 cpu, more than its limit 2'],
    [
      'a selector that misses its pods',
      'worker.yaml',
      /matchLabels:\n(.*\n)(.*)worker/,
      'matchLabels:\n$1$2render',
      'does not match the pod template',
    ],
    ['a port name the API refuses', 'api.yaml', '- name: http\n', '- name: http_port\n', 'port name "http_port"'],
    [
      'a Service that selects nothing',
      'api.yaml',
      /(kind: Service[\s\S]*component: )api/,
      '$1web',
      'selects no Deployment',
    ],
    ['a Service port no container has', 'api.yaml', 'targetPort: http', 'targetPort: web', 'sends port 80 to web'],
    [
      'a probe on a port no container names',
      'api.yaml',
      'port: http\n            periodSeconds: 10',
      'port: web\n            periodSeconds: 10',
      'readinessProbe uses port web',
    ],
    [
      'a ConfigMap that is not there',
      'worker.yaml',
      'configMapRef:\n                name: credentials-engine',
      'configMapRef:\n                name: settings',
      'reads ConfigMap settings',
    ],
    ['a setting misspelt', 'config.yaml', 'LOG_LEVEL: info', 'LOGLEVEL: info', 'sets LOGLEVEL, which the app'],
    [
      'a value the app refuses',
      'config.yaml',
      'PUBLIC_BASE_URL: https://',
      'PUBLIC_BASE_URL: ftp://',
      'PUBLIC_BASE_URL must be',
    ],
    ['the worker short of a core', 'worker.yaml', 'value: "2"', 'value: "3"', 'with RENDER_PROCESSES=3 it wants 4'],
    [
      'no shared document-link secret',
      'secret.example.yaml',
      '  DOCUMENT_LINK_SECRET: change-me\n',
      '',
      'does not set DOCUMENT_LINK_SECRET',
    ],
    [
      'an example admin key the app accepts',
      'secret.example.yaml',
      'ADMIN_API_KEY: change-me',
      'ADMIN_API_KEY: change-me-please-to-a-long-one',
      "accepts the example's ADMIN_API_KEY",
    ],
    [
      'two releases of the image',
      'worker.yaml',
      'credentials-engine:0.1.0',
      'credentials-engine:0.2.0',
      'one image serves all',
    ],
  ])('the manifests with %s are refused', (_what, file, from, to, expected) => {
    const problems = kubernetesProblems(copyWith(join('deploy', 'k8s', file), from, to));
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });
});

describe("the image's dependencies", () => {
  const dist = process.env.TEST_DIST_DIR ?? join(root, 'dist');

  it('the scripts it runs need no package its npm prune --omit=dev removes', () => {
    expect(imageDependencyProblems(root, dist)).toEqual([]);
    // The walk reaches the API, the worker, its render processes and the migrations.
    const required = packagesRequired(imageEntryPoints.map((script) => join(dist, script)));
    for (const name of ['@nestjs/core', '@temporalio/worker', '@react-pdf/renderer', '@mikro-orm/migrations'])
      expect(required.has(name)).toBe(true);
  });

  it('names a devDependency a script requires through another', () => {
    const fakeDist = mkdtempSync(join(tmpdir(), 'image-dist-'));
    copies.push(fakeDist);
    for (const script of imageEntryPoints) {
      mkdirSync(dirname(join(fakeDist, script)), { recursive: true });
      writeFileSync(join(fakeDist, script), 'require("node:path");\n');
    }
    writeFileSync(join(fakeDist, 'apps', 'api', 'main.js'), 'require("./app");\n');
    writeFileSync(join(fakeDist, 'apps', 'api', 'app.js'), 'const jest = require("jest");\n');

    expect(imageDependencyProblems(root, fakeDist)).toEqual([
      "apps/api/app.js requires jest, a devDependency: the image's npm prune --omit=dev removes it",
    ]);
  });
});
