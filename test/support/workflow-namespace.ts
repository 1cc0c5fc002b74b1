/**
 * A namespace of the test Temporal server that only workflow tests use: their workers run fake activities on the real
 * task queues, which must never take an activity task of a workflow the end-to-end tests started.
 */
export const workflowTestNamespace = 'workflow-tests';
