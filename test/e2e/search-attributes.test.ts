import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import {
  registerMissingSearchAttributes,
  SearchAttributesMissingError,
  untilSearchAttributesAccepted,
} from '../../apps/worker/search-attributes';
import { credentialSearchAttributePairs, searchAttributeNames } from '../../temporal/search-attributes';
import { generatedCredentials } from '../support/credential-fixtures';
import { courseWithLearners } from '../support/fixtures';
import { eventually, startSystem, type RunningSystem } from '../support/system';

let connection: Connection;

/** The names of a namespace's custom search attributes, once the services' namespace cache knows the namespace. */
const customAttributes = (namespace: string) =>
  eventually(
    async () =>
      Object.keys((await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {}),
    30_000,
    `namespace ${namespace} to be known`,
  );

/** A namespace of its own for each test: the shared one has our search attributes already. */
async function newNamespace(): Promise<string> {
  const namespace = `search-attributes-${randomBytes(4).toString('hex')}`;
  await connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  });
  await customAttributes(namespace);
  return namespace;
}

beforeAll(async () => {
  connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
});
afterAll(() => connection.close());

describe('registerMissingSearchAttributes', () => {
  it('registers what a namespace lacks, ready for a workflow start that sets them; a second call finds none', async () => {
    const namespace = await newNamespace();

    const registered = await registerMissingSearchAttributes(connection, namespace);

    expect([...registered].sort()).toEqual([...searchAttributeNames].sort());
    expect(await customAttributes(namespace)).toEqual(expect.arrayContaining(searchAttributeNames));
    const client = new Client({ connection, namespace });
    const started = await client.workflow.start('credentialWorkflow', {
      taskQueue: `nobody-polls-${namespace}`,
      workflowId: `search-attributes-${namespace}`,
      args: [],
      typedSearchAttributes: credentialSearchAttributePairs({
        status: 'Requested',
        templateId: 'template',
        courseOfferId: 'offer',
        bulkRunId: 'run',
      }),
    });
    await started.terminate('only its start was under test');
    expect(await registerMissingSearchAttributes(connection, namespace)).toEqual([]);
  });

  it('says which command registers them when the server refuses', async () => {
    const namespace = await newNamespace();
    // SQL visibility holds ten Keyword attributes a namespace: with ten others, the server refuses ours.
    const others = Array.from({ length: 10 }, (_, i) => `Other${i}`);
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(others.map((name) => [name, 2])),
    });
    await eventually(async () => ((await customAttributes(namespace)).length >= 10 ? true : undefined));

    const refusal = registerMissingSearchAttributes(connection, namespace);

    await expect(refusal).rejects.toBeInstanceOf(SearchAttributesMissingError);
    const message = await refusal.catch((err: Error) => err.message);
    expect(message).toContain(`Namespace ${namespace} lacks the search attributes`);
    expect(message).toContain(`temporal operator search-attribute create --namespace ${namespace}`);
    for (const name of searchAttributeNames) expect(message).toContain(`--name ${name} --type Keyword`);
  });
});

describe('a worker started on a namespace without our search attributes', () => {
  let sut: RunningSystem | undefined;
  afterAll(() => sut?.stop());

  it('registers them, and credentials requested there are generated', async () => {
    const namespace = await newNamespace();

    sut = await startSystem({ TEMPORAL_NAMESPACE: namespace });

    await eventually(
      async () => {
        const names = await customAttributes(namespace);
        return searchAttributeNames.every((name) => names.includes(name)) ? true : undefined;
      },
      60_000,
      'the worker to register our search attributes',
    );
    // Listed is not yet accepted everywhere (the services' namespace cache): as the worker does, wait for a query.
    await untilSearchAttributesAccepted(connection, namespace);
    const { enrolments } = await courseWithLearners(sut, [['Ada', 'Namespace']]);
    const [credential] = await generatedCredentials(sut, enrolments);
    expect(credential?.number).toMatch(/^\d{4}-\d{6}$/);
  }, 240_000);
});
