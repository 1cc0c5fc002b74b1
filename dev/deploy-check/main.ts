/**
 * `npm run deploy:check`: the deployment files checked as far as this machine can without Docker or a cluster. The
 * Compose file is loaded as `docker compose config` loads it and the Kubernetes manifests decoded as the API server
 * would (both by deploy/check, built with Go), then checked against what our processes need.
 */
import { projectRoot } from '../paths';
import { composeProblems } from './compose';
import { kubernetesProblems } from './kubernetes';

const root = projectRoot();
const problems = [...composeProblems(root), ...kubernetesProblems(root)];
if (problems.length) {
  console.error(`The deploy files have ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log('docker-compose.yml and deploy/k8s/*.yaml: no problems found');
