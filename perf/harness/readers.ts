/**
 * People using the register while a bulk run goes: `clients` readers, each sending a request on a fixed schedule
 * (together `ratePerSecond`), alternating between the APIs it is given; three in four `GET /credentials/:id`, one a
 * register search for a learner by full name, as a person looks someone up. A request's time counts from when it was
 * due, so a reader held up by a slow answer is not let off the wait of the requests it could not send meanwhile (no
 * coordinated omission).
 */
import { percentile, sleep, type ApiClient } from './api-client';
import { familyNames, givenNames } from './workload';

export interface ReadLatency {
  requests: number;
  errors: string[];
  p50Ms: number;
  p99Ms: number;
  byRoute: Record<string, { requests: number; p50Ms: number; p99Ms: number }>;
}

/** "Ava Nguyen": each of the workload's name pairs belongs to one learner in 60. */
const fullName = (i: number) =>
  encodeURIComponent(`${givenNames[i % givenNames.length]} ${familyNames[(i * 7) % familyNames.length]}`);

export async function readUntil(options: {
  apis: ApiClient[];
  credentialIds: string[];
  clients: number;
  ratePerSecond: number;
  done: Promise<unknown>;
}): Promise<ReadLatency> {
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
      const search = i % 4 === 3;
      const route = search ? 'GET /credentials?q=' : 'GET /credentials/:id';
      const answer = await (
        search
          ? api.call('GET', `/credentials?q=${fullName(i)}&pageSize=50`)
          : api.call('GET', `/credentials/${credentialIds[Math.floor(Math.random() * credentialIds.length)]}`)
      ).catch((err: unknown) => ({ status: 0, body: String(err) }));
      if (answer.status !== 200) errors.push(`${route} answered ${answer.status}`);
      else timings[route]!.push(performance.now() - due);
      due += intervalMs;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, lane) => reader(lane)));
  const summary = (list: number[]) => {
    list.sort((a, b) => a - b);
    return { requests: list.length, p50Ms: percentile(list, 0.5), p99Ms: percentile(list, 0.99) };
  };
  const all = summary(Object.values(timings).flat());
  return {
    ...all,
    errors,
    byRoute: Object.fromEntries(Object.entries(timings).map(([route, list]) => [route, summary(list)])),
  };
}
