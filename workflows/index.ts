export { credentialWorkflow } from './credential';
export { bulkRunWorkflow } from './bulk-run';
export { dataFixWorkflow } from './data-fix';
