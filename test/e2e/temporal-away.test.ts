import { createServer, connect, type Server, type Socket } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { sql } from '../support/db';
import { workflowIds } from '../../temporal/ids';
import { certificateOfCompletion, courseWithLearners } from '../support/fixtures';
import { freePort } from '../../dev/ports';
import { eventually, startSystem, type RunningSystem } from '../support/system';

/**
 * A TCP relay to the test Temporal server that can be cut (connections dropped, new ones refused and counted) and
 * restored.
 */
class TemporalRelay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  /** Connections refused since the last cut: each is the API trying to reach Temporal. */
  refused = 0;

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async open(): Promise<void> {
    await this.close();
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async cut(): Promise<void> {
    await this.close();
    this.refused = 0;
    this.server = createServer((client) => {
      this.refused++;
      client.destroy();
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    const closed = new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.server = null;
  }
}

let sut: RunningSystem;
let relay: TemporalRelay;
let temporal: Client;

beforeAll(async () => {
  const [host, port] = process.env.TEST_TEMPORAL_ADDRESS!.split(':') as [string, string];
  relay = new TemporalRelay(await freePort(), { host, port: Number(port) });
  await relay.open();
  // Only the API goes through the relay; the worker keeps its own connection. No sweep during the test.
  sut = await startSystem({ STRANDED_REQUEST_SECONDS: '0' }, { TEMPORAL_ADDRESS: `127.0.0.1:${relay.port}` });
  temporal = new Client({ connection: await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! }) });
});

afterAll(async () => {
  await relay?.close();
  await temporal?.connection.close();
  await sut?.stop();
});

describe('a credential request while the API cannot reach Temporal', () => {
  it('is answered 202 and saved at once, and generated once Temporal is back, by the API without the sweep', async () => {
    const { enrolments } = await courseWithLearners(sut, [['Patient', 'Requester']]);
    await relay.cut();
    const refusedBefore = relay.refused;

    const requested = await sut.call('POST', `/course-enrolments/${enrolments[0].id}/credentials`, {
      body: { templateId: certificateOfCompletion, credentialDate: '2026-11-30' },
    });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({
      status: 'Requested',
      workflowId: workflowIds.credential(requested.body.id),
    });
    const { id } = requested.body;
    expect(await sql('select status from credential where id = $1', [id])).toEqual([{ status: 'Requested' }]);
    // The API has tried to start the workflow in the background, and been turned away, at least once.
    await eventually(
      async () => (relay.refused > refusedBefore ? true : undefined),
      30_000,
      'the API to try to reach Temporal',
    );
    await expect(temporal.workflow.getHandle(workflowIds.credential(id)).describe()).rejects.toThrow();

    await relay.open();
    const generated = await eventually(
      async () => {
        const { body } = await sut.call('GET', `/credentials/${id}`);
        return body.status === 'Generated' ? body : undefined;
      },
      60_000,
      'the credential to be generated once Temporal is reachable again',
    );
    expect(generated.history.map((e: { event: string }) => e.event)).toEqual([
      'Requested',
      'GenerationStarted',
      'Generated',
    ]);
    expect(await sql('select count(*)::int as n from document_version where credential_id = $1', [id])).toEqual([
      { n: 1 },
    ]);
  }, 120_000);

  it('answers a bulk request 202 too, saves the run, and starts it once Temporal is back, without the sweep', async () => {
    const { offer, enrolments } = await courseWithLearners(sut, [['Patient', 'Bulk']]);
    await relay.cut();
    const refusedBefore = relay.refused;
    const started = await sut.call('POST', `/course-offers/${offer.id}/credential-requests`, {
      body: { templateId: certificateOfCompletion, credentialDate: '2026-11-30', enrolmentIds: [enrolments[0].id] },
    });
    expect(started.status).toBe(202);
    const { bulkRunId } = started.body;
    expect(await sql('select status from bulk_run where id = $1', [bulkRunId])).toEqual([{ status: 'Running' }]);
    // The API has tried to start the run's workflow in the background, and been turned away.
    await eventually(
      async () => (relay.refused > refusedBefore ? true : undefined),
      30_000,
      'the API to try to reach Temporal',
    );
    await expect(temporal.workflow.getHandle(workflowIds.bulkRun(bulkRunId)).describe()).rejects.toThrow();

    await relay.open();
    const run = await eventually(
      async () => {
        const { body } = await sut.call('GET', `/bulk-runs/${bulkRunId}`);
        return body.status === 'Completed' ? body : undefined;
      },
      60_000,
      'the bulk run to complete once Temporal is reachable again',
    );
    expect(run).toMatchObject({ total: 1, succeeded: 1, failed: 0 });
  }, 120_000);
});
