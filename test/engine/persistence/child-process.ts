import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

/** Runs a TypeScript fixture from ./fixtures in a separate Node process. */
export function spawnFixture(name: string, args: string[]): ChildProcessWithoutNullStreams {
  const script = path.join(__dirname, 'fixtures', name);
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repoRoot });
}

/** Resolves with the child's stdout lines once `done(lines)` says so; rejects if it exits first. */
export function waitForOutput(
  child: ChildProcessWithoutNullStreams,
  done: (lines: string[]) => boolean,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let partial = '';
    let stderr = '';
    const onData = (chunk: Buffer): void => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
      if (done(lines)) {
        child.stdout.off('data', onData);
        child.off('exit', onExit);
        resolve(lines);
      }
    };
    const onExit = (code: number | null): void =>
      reject(new Error(`fixture exited (${code}) early: ${stderr || lines.join('\n')}`));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

/** SIGKILLs the child and resolves once it is reaped, so its pid is really gone. */
export function killHard(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
