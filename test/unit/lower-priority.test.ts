import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../dev/paths';

const sut = join(process.env.TEST_DIST_DIR ?? join(projectRoot(), 'dist'), 'apps', 'worker', 'lower-priority.js');

/**
 * A fresh Node process lowers itself, then reports each thread's nice value (field 19 of /proc/self/task/<tid>/stat).
 */
const niceOfEachThreadAfter = (nice: number): number[] =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [
        '-e',
        `
  const fs = require('fs');
  require(${JSON.stringify(sut)}).lowerPriority(${nice});
  const nice = (tid) => Number(fs.readFileSync('/proc/self/task/' + tid + '/stat', 'utf8').split(') ')[1].split(' ')[16]);
  console.log(JSON.stringify(fs.readdirSync('/proc/self/task').map(nice)));
`,
      ],
      { encoding: 'utf8' },
    ),
  );

const linux = existsSync('/proc/self/task');

(linux ? describe : describe.skip)('lowerPriority', () => {
  it('lowers every thread of the process, not only the one that calls it', () => {
    const nices = niceOfEachThreadAfter(7);
    expect(nices.length).toBeGreaterThan(1); // Node's own threads (V8's, libuv's) are there before any of our code
    expect(new Set(nices)).toEqual(new Set([7]));
  });
});
