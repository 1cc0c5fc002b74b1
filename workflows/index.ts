export { credentialWorkflow } from './credential';
