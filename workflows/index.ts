export { credentialWorkflow } from './credential';
export { bulkRunWorkflow } from './bulk-run';
