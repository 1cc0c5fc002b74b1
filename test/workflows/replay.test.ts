/**
 * Replays every recorded history (test/fixtures/histories, written by record-histories.test.ts) against the workflow
 * code as the worker bundles it. A change that would make a running workflow take another path than its history
 * records (an activity, timer, child or Update handled differently) fails here, before it reaches a worker with runs in
 * flight. A change meant to do that needs a patch (`patched()`), or new recordings once no old run can be running.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { bundledWorkflows, historiesDir, historyFromJson } from '../support/workflows';

const files = readdirSync(historiesDir)
  .filter((file) => file.endsWith('.json'))
  .sort();

let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  workflowBundle = await bundledWorkflows();
}, 120_000);

/** Each file's workflow type, from its first event. */
function workflowType(history: { events: Array<Record<string, any>> }): string {
  return history.events[0]!.workflowExecutionStartedEventAttributes.workflowType.name;
}

describe('recorded workflow histories', () => {
  it('cover each workflow, a continue-as-new, a child, several Updates in one credential and a debounced data fix', () => {
    const histories = files.map((file) => JSON.parse(readFileSync(join(historiesDir, file), 'utf8')));
    const types = new Set(histories.map(workflowType));
    expect([...types].sort()).toEqual(['bulkRunWorkflow', 'credentialWorkflow', 'dataFixWorkflow']);
    const eventTypes = (h: { events: Array<{ eventType: string }> }) => h.events.map((e) => e.eventType);
    const all = histories.flatMap(eventTypes);
    expect(all).toEqual(expect.arrayContaining(['EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW']));
    expect(all).toEqual(expect.arrayContaining(['EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED']));
    expect(all).toEqual(expect.arrayContaining(['EVENT_TYPE_WORKFLOW_EXECUTION_FAILED']));
    const signals = histories
      .filter((h) => workflowType(h) === 'dataFixWorkflow')
      .map((h) => eventTypes(h).filter((t) => t === 'EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED').length);
    expect(Math.max(...signals)).toBeGreaterThan(1);
    const updates = histories.map(
      (h) => eventTypes(h).filter((t) => t === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED').length,
    );
    expect(updates.reduce((a, b) => a + b, 0)).toBeGreaterThan(3);
  });

  it('replay without nondeterminism against the current workflow code', async () => {
    expect(files.length).toBeGreaterThan(0);
    const histories = files.map((file) => ({
      workflowId: file,
      history: historyFromJson(readFileSync(join(historiesDir, file), 'utf8')),
    }));
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.name}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  }, 120_000);
});
