import type { Connection } from '@temporalio/client';
import { searchAttributeNames } from '../../temporal/search-attributes';

/** temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD */
const keyword = 2;

/** gRPC's PERMISSION_DENIED status code. */
const permissionDenied = 7;

/** How long a server may take to accept attributes just registered: its namespace cache refreshes every few seconds. */
const acceptedWithinMs = 60_000;

/** The namespace lacks some of our search attributes and the server would not register them: what to run instead. */
export class SearchAttributesMissingError extends Error {
  constructor(namespace: string, missing: string[], cause: unknown) {
    super(
      `Namespace ${namespace} lacks the search attributes ${missing.join(', ')}, which every credential workflow sets, ` +
        `and the server refused to register them (${cause instanceof Error ? cause.message : String(cause)}). ` +
        `Register them with: temporal operator search-attribute create --namespace ${namespace} ` +
        missing.map((name) => `--name ${name} --type Keyword`).join(' '),
    );
    this.name = 'SearchAttributesMissingError';
  }
}

async function missingIn(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  return searchAttributeNames.filter((name) => !known.has(name));
}

/** Waits until a query naming every attribute is accepted, as a workflow start setting them will be. */
export async function untilSearchAttributesAccepted(connection: Connection, namespace: string): Promise<void> {
  const query = searchAttributeNames.map((name) => `${name} = ''`).join(' AND ');
  const deadline = Date.now() + acceptedWithinMs;
  for (;;) {
    try {
      await connection.workflowService.countWorkflowExecutions({ namespace, query });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/**
 * Registers those of our search attributes the namespace lacks and returns them once the server accepts them (or
 * says it may not list them).
 * Without them every credential workflow's start is refused, so a deployment on a new namespace would leave each
 * request stranded. Throws SearchAttributesMissingError where the server refuses (no operator rights, or the
 * namespace's Keyword attributes used up).
 */
export async function registerMissingSearchAttributes(
  connection: Connection,
  namespace: string,
): Promise<string[] | 'not allowed to look'> {
  let missing: string[];
  try {
    missing = await missingIn(connection, namespace);
  } catch (err) {
    // An authorizer may keep the operator API from the worker: its starts then show whether they are there.
    if ((err as { code?: number }).code === permissionDenied) return 'not allowed to look';
    throw err;
  }
  if (!missing.length) return [];
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((name) => [name, keyword])),
    });
  } catch (err) {
    // Another process starting beside this one may have registered them first.
    if ((await missingIn(connection, namespace)).length)
      throw new SearchAttributesMissingError(namespace, missing, err);
  }
  await untilSearchAttributesAccepted(connection, namespace);
  return missing;
}
