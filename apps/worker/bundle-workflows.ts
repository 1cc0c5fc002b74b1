/**
 * `npm run build` step: bundles the workflow code once, at build time, into dist/workflow-bundle.js. The worker loads
 * that file instead of running webpack at every start, which slows the start and leaves the worker larger for good
 * (memory freed after bundling is not given back to the system). Without the file (tests compile elsewhere) the
 * worker bundles at start as before.
 */
import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleFile } from './workflow-bundle';

async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows') });
  writeFileSync(workflowBundleFile, code);
  console.log(`workflow bundle: ${workflowBundleFile} (${(code.length / 1024).toFixed(0)} KB)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
