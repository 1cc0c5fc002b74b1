import { dirname, join } from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundle } from '@temporalio/worker';

type History = proto.temporal.api.history.v1.IHistory;

/** Recorded histories, one JSON file per workflow run (test/workflows/record-histories.test.ts writes them). */
export const historiesDir = join(__dirname, '..', 'fixtures', 'histories');

/** The workflow code as the worker runs it: workflows/index.ts, bundled the way `npm run build` bundles it. */
export async function bundledWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: new DefaultLogger('WARN'),
  });
}

/*
 * @temporalio/common's historyToJSON and historyFromJSON (which runReplayHistories calls on JSON) fail in this install
 * with "type must be a Type": npm gives each @temporalio package its own copy of protobufjs 8, and they pair one
 * copy's JSON codec with another copy's History type. The codec of the copy that defines the type works.
 */
interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }): History | null;
}
const protoDir = dirname(require.resolve('@temporalio/proto'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const protojson: ProtoJson = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] }));
const root = patchProtobufRoot(proto as unknown as Record<string, unknown>) as unknown as {
  lookupType(name: string): unknown;
};
const historyType = root.lookupType('temporal.api.history.v1.History');

/** A history as the Temporal CLI and UI export it (ProtoJSON). */
export function historyToJson(history: History): string {
  return `${JSON.stringify(protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)), null, 2)}\n`;
}

/** A history file read back, as the History message the replayer takes. */
export function historyFromJson(json: string): History {
  const history = protojson.fromJson(historyType, JSON.parse(json), { ignoreUnknownFields: true });
  if (!history) throw new TypeError('not a history');
  return history;
}
