import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Written by `npm run build` (apps/worker/bundle-workflows.ts) next to the compiled code: dist/workflow-bundle.js. */
export const workflowBundleFile = join(__dirname, '..', '..', 'workflow-bundle.js');

/**
 * The prebuilt bundle when there is one, else the workflow sources to bundle at start (tests, which compile
 * elsewhere). Bundling at start runs webpack in the worker: a slower start, and memory it never gives back.
 */
export function workflowCode(): { workflowBundle: { codePath: string } } | { workflowsPath: string } {
  return existsSync(workflowBundleFile)
    ? { workflowBundle: { codePath: workflowBundleFile } }
    : { workflowsPath: require.resolve('../../workflows') };
}
