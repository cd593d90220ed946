import type { ChildProcess } from 'node:child_process';

/** The address a server process prints once it listens ("… is serving http://…"); rejects if it exits first. */
export function servingUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before serving: ${output}`)));
  });
}
