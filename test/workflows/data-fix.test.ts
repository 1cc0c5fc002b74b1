/**
 * The data-fix workflow's debounce, alone: the real workflow code on the test Temporal server (in a namespace of its
 * own), signalled through the one client as the API signals it, with fake activities that count their calls. Every
 * wait is on a condition (an activity call seen, the workflow's result), never on a fixed sleep.
 *
 * Time skipping (@temporalio/testing's TestWorkflowEnvironment.createTimeSkipping) would let the debounce pass
 * without waiting for it, but its test server is a separate binary downloaded at run time from Temporal's site, which
 * this project's machines and CI cannot reach; the dev server runs timers in real time, so the debounce here is 1 s.
 */
import { Context } from '@temporalio/activity';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { WorkflowsClient } from '../../temporal/client';
import type { DataFixEntity, DataFixResult } from '../../temporal/data-fix';
import { workflowIds } from '../../temporal/ids';
import { taskQueues } from '../../temporal/task-queues';
import { workflowTestNamespace } from '../support/workflow-namespace';
import { bundledWorkflows } from '../support/workflows';

type Call = { name: string; args: any; workflowId: string };

/** Activity calls seen, and waiters on a condition over them. */
class Calls {
  readonly seen: Call[] = [];
  private waiters: Array<() => void> = [];

  add(call: Call): void {
    this.seen.push(call);
    for (const wake of this.waiters) wake();
  }

  of(workflowId: string, name?: string): Call[] {
    return this.seen.filter((call) => call.workflowId === workflowId && (!name || call.name === name));
  }

  /** Resolves once `check` holds (checked at each call), or fails after `timeoutMs` saying what it waited for. */
  until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        reject(new Error(`timed out waiting for ${what}; calls: ${JSON.stringify(this.seen)}`));
      }, timeoutMs);
      const wake = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve();
      };
      this.waiters.push(wake);
      wake();
    });
  }
}

const calls = new Calls();
/** Credentials each test's entity prints on, by data-fix workflow id. */
const affected = new Map<string, string[]>();
/** Reissues of a workflow wait on this gate while a test holds it closed. */
const gates = new Map<string, Promise<void>>();

let workers: Worker[] = [];
let running: Promise<unknown>;
let client: Client;
let workflows: WorkflowsClient;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const address = process.env.TEST_TEMPORAL_ADDRESS!;
  const connection = await NativeConnection.connect({ address });
  const record = (name: string, args: unknown) =>
    calls.add({ name, args, workflowId: Context.current().info.workflowExecution!.workflowId });
  const activities = {
    async auditQualificationEnrolment(id: string) {
      record('auditQualificationEnrolment', id);
    },
    async findAffectedCredentials(args: { entity: DataFixEntity; id: string }) {
      record('findAffectedCredentials', args);
      return affected.get(workflowIds.dataFix(args.entity, args.id)) ?? [];
    },
    async reissueCredential(args: { credentialId: string; requestId: string }) {
      record('reissueCredential', args);
      await gates.get(Context.current().info.workflowExecution!.workflowId);
    },
  };
  const common = { connection, namespace: workflowTestNamespace, activities };
  workers = await Promise.all([
    Worker.create({ ...common, taskQueue: taskQueues.credentials, workflowBundle: await bundledWorkflows() }),
    Worker.create({ ...common, taskQueue: taskQueues.bulk }),
  ]);
  running = Promise.all(workers.map((worker) => worker.run()));
  client = new Client({ connection: await Connection.connect({ address }), namespace: workflowTestNamespace });
  workflows = new WorkflowsClient(client);
}, 120_000);

afterAll(async () => {
  for (const worker of workers) worker.shutdown();
  await running;
  await client?.connection.close();
});

/** A fresh entity whose data printed on `credentials`; its data-fix workflow's id and handle. */
function entity(kind: DataFixEntity, credentials: string[]) {
  const id = randomUUID();
  const workflowId = workflowIds.dataFix(kind, id);
  affected.set(workflowId, credentials);
  return {
    id,
    workflowId,
    signal: () => workflows.signalDataFix(kind, id, 1, { role: 'requester', keyId: null }),
    handle: (): WorkflowHandle => client.workflow.getHandle(workflowId),
  };
}

/** The run's signals and scheduled activities, in order, as [kind, time in ms]. */
async function signalsAndActivities(handle: WorkflowHandle): Promise<Array<['signal' | 'activity', number]>> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).flatMap((e): Array<['signal' | 'activity', number]> => {
    const ms = Number(e.eventTime!.seconds) * 1000 + Math.floor((e.eventTime!.nanos ?? 0) / 1e6);
    if (e.workflowExecutionSignaledEventAttributes) return [['signal', ms]];
    if (e.activityTaskScheduledEventAttributes) return [['activity', ms]];
    return [];
  });
}

describe('data-fix workflow', () => {
  it('reissues once for a burst of edits, after the quiet period, and completes with the count', async () => {
    const fix = entity('learner', ['c-1', 'c-2']);
    await Promise.all(Array.from({ length: 5 }, () => fix.signal()));

    expect(await fix.handle().result()).toEqual({ reissued: 2 } satisfies DataFixResult);
    expect(calls.of(fix.workflowId).map((c) => c.name)).toEqual([
      'findAffectedCredentials',
      'reissueCredential',
      'reissueCredential',
    ]);
    const runId = (await fix.handle().describe()).runId;
    expect(calls.of(fix.workflowId, 'reissueCredential').map((c) => c.args)).toEqual([
      { credentialId: 'c-1', requestId: `data-fix-${runId}-1-c-1`, issueReplacement: false },
      { credentialId: 'c-2', requestId: `data-fix-${runId}-1-c-2`, issueReplacement: false },
    ]);
    // Five signals (signal-with-start: the first one started the run), and nothing scheduled until a quiet second after
    // the last.
    const history = await signalsAndActivities(fix.handle());
    const signals = history.filter(([kind]) => kind === 'signal');
    expect(signals).toHaveLength(5);
    const firstScheduled = history.find(([kind]) => kind === 'activity')!;
    expect(history.indexOf(firstScheduled)).toBe(5);
    expect(firstScheduled[1] - signals.at(-1)![1]).toBeGreaterThanOrEqual(1000);
  });

  it('starts a second round for an edit during a reissue, and audits a qualification enrolment first each round', async () => {
    const fix = entity('qualification-enrolment', ['c-3']);
    let open!: () => void;
    gates.set(fix.workflowId, new Promise<void>((resolve) => (open = resolve)));
    await fix.signal();
    await calls.until(() => calls.of(fix.workflowId, 'reissueCredential').length === 1, "the first round's reissue");
    await fix.signal();
    await fix.signal();
    open();

    expect(await fix.handle().result()).toEqual({ reissued: 2 } satisfies DataFixResult);
    expect(calls.of(fix.workflowId).map((c) => c.name)).toEqual([
      'auditQualificationEnrolment',
      'findAffectedCredentials',
      'reissueCredential',
      'auditQualificationEnrolment',
      'findAffectedCredentials',
      'reissueCredential',
    ]);
    const runId = (await fix.handle().describe()).runId;
    expect(calls.of(fix.workflowId, 'reissueCredential').map((c) => c.args.requestId)).toEqual([
      `data-fix-${runId}-1-c-3`,
      `data-fix-${runId}-2-c-3`,
    ]);
  });

  it('completes with nothing reissued when no credential prints the data', async () => {
    const fix = entity('course-enrolment', []);
    await fix.signal();
    expect(await fix.handle().result()).toEqual({ reissued: 0 } satisfies DataFixResult);
    expect(calls.of(fix.workflowId).map((c) => c.name)).toEqual(['findAffectedCredentials']);
  });
});
