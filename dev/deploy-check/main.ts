/**
 * `npm run deploy:check`: the deployment files checked as far as this machine can without Docker or a cluster. The
 * Compose file is loaded as `docker compose config` loads it and the Kubernetes manifests decoded as the API server
 * would (both by deploy/check, built with Go), then checked against what our processes need; the compiled scripts the
 * image runs are checked to need no package its `npm prune --omit=dev` removes.
 */
import { projectRoot } from '../paths';
import { composeProblems } from './compose';
import { imageDependencyProblems } from './image-dependencies';
import { kubernetesProblems } from './kubernetes';

const root = projectRoot();
const problems = [...composeProblems(root), ...kubernetesProblems(root), ...imageDependencyProblems(root)];
if (problems.length) {
  console.error(`The deploy files have ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log("docker-compose.yml, deploy/k8s/*.yaml and the image's dependencies: no problems found");
