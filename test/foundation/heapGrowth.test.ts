import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/paths';

/** Runs limitHeapGrowth in a fresh Node process (flags are process-wide) and reports whether V8 took a flag. */
function run(nodeFlags: string[]): string {
  const script = `
    const { limitHeapGrowth } = require(${JSON.stringify(path.join(projectRoot, 'src', 'startup', 'heapGrowth.ts'))});
    const v8 = require('node:v8');
    const calls = [];
    const original = v8.setFlagsFromString;
    v8.setFlagsFromString = (flags) => { calls.push(flags); original(flags); };
    limitHeapGrowth();
    process.stdout.write(JSON.stringify(calls));`;
  const result = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', '-e', script], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout;
}

describe('heap growth at start', () => {
  it('sets V8 to grow the heap to at most three times what the last full collection kept', () => {
    expect(JSON.parse(run([]))).toEqual(['--heap-growing-percent=200']);
  });

  it('leaves a value given on the command line alone', () => {
    expect(JSON.parse(run(['--heap-growing-percent=50']))).toEqual([]);
  });
});
