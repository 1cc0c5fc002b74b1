/**
 * People using the register while a bulk run goes: `clients` readers, each sending a request on a fixed schedule
 * (together `ratePerSecond`), alternating between the APIs it is given; three in four `GET /credentials/:id`, one a
 * register search for a learner by full name, as a person looks someone up. A request's time counts from when it was
 * due, so a reader held up by a slow answer is not let off the wait of the requests it could not send meanwhile (no
 * coordinated omission).
 */
import { percentile, sleep, type ApiClient } from './api-client';
import { learnerName } from './names';

/** Each request's time (ms, from when it was due) by route, and what failed: samples of one or more runs. */
export interface ReadSamples {
  timings: Record<string, number[]>;
  errors: string[];
}

export interface ReadLatency {
  requests: number;
  errors: string[];
  p50Ms: number;
  p99Ms: number;
  byRoute: Record<string, { requests: number; p50Ms: number; p99Ms: number }>;
}

/** The full name of one of the first `learners` learners the workload made, URL-encoded. */
function fullName(learners: number): string {
  const { givenName, familyName } = learnerName(Math.floor(Math.random() * learners));
  return encodeURIComponent(`${givenName} ${familyName}`);
}

export async function readUntil(options: {
  apis: ApiClient[];
  credentialIds: string[];
  /** How many learners the workload made (createCompletedEnrolments): searches are for their names. */
  learners: number;
  clients: number;
  ratePerSecond: number;
  done: Promise<unknown>;
  /** One kind of read only (`npm run bench:reads` costs each alone); unset, the mix above. */
  only?: 'id' | 'search';
}): Promise<ReadSamples> {
  const { apis, credentialIds, clients } = options;
  let finished = false;
  void options.done.finally(() => (finished = true));
  const timings: Record<string, number[]> = { 'GET /credentials/:id': [], 'GET /credentials?q=': [] };
  const errors: string[] = [];
  const intervalMs = (1000 * clients) / options.ratePerSecond;
  const reader = async (lane: number) => {
    // Spread the readers' first requests over one interval, so they do not arrive in step.
    let due = performance.now() + (lane * intervalMs) / clients;
    for (let sent = 0; !finished; sent++) {
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (finished) break;
      // Each reader takes its turn at every API and at searching, whatever the number of readers.
      const i = lane + sent;
      const api = apis[(i + (i >> 2)) % apis.length]!;
      const search = options.only ? options.only === 'search' : i % 4 === 3;
      const route = search ? 'GET /credentials?q=' : 'GET /credentials/:id';
      const answer = await (
        search
          ? api.call('GET', `/credentials?q=${fullName(options.learners)}&pageSize=50`)
          : api.call('GET', `/credentials/${credentialIds[Math.floor(Math.random() * credentialIds.length)]}`)
      ).catch((err: unknown) => ({ status: 0, body: String(err) }));
      if (answer.status !== 200)
        errors.push(`${route} answered ${answer.status}${answer.status ? '' : ` (${String(answer.body)})`}`);
      else timings[route]!.push(performance.now() - due);
      due += intervalMs;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, lane) => reader(lane)));
  return { timings, errors };
}

/** p50 and p99 over all the samples, and by route. */
export function summariseReads(runs: ReadSamples[]): ReadLatency {
  const routes = [...new Set(runs.flatMap((run) => Object.keys(run.timings)))];
  const summary = (list: number[]) => {
    list.sort((a, b) => a - b);
    return { requests: list.length, p50Ms: percentile(list, 0.5), p99Ms: percentile(list, 0.99) };
  };
  const byRoute = Object.fromEntries(
    routes.map((route) => [route, summary(runs.flatMap((run) => run.timings[route] ?? []))]),
  );
  return {
    ...summary(runs.flatMap((run) => Object.values(run.timings).flat())),
    errors: runs.flatMap((run) => run.errors),
    byRoute,
  };
}
