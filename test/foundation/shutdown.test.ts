import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { startEngine } from '../../src/engine';
import { projectRoot } from '../../src/paths';
import { servingUrl } from '../helpers/serverProcess';

const exitCode = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('graceful shutdown of src/server.ts', () => {
  it('on SIGTERM finishes the request in flight, refuses new ones, and exits 0', async () => {
    const engine = await startEngine();
    const child = spawn(
      process.execPath,
      // As `npm start` runs it: one process receives the signal (tsx's CLI would relay it and kill a
      // child that answers it late, e.g. while the statistics are prepared just after start).
      ['--import', 'tsx', 'src/server.ts'],
      {
        cwd: projectRoot,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          SEED_DEMO_DATA: 'false',
          PORT: '0',
          HOST: '127.0.0.1',
          MONGODB_URI: engine.uri,
          LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const url = new URL(await servingUrl(child));
      const exited = exitCode(child);

      // A form post whose body is still arriving when the signal comes: the request is in flight.
      const body = 'lang=fr&_csrf=not-a-real-token';
      const inFlight = http.request({
        host: url.hostname,
        port: url.port,
        path: '/language',
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': body.length },
      });
      const answered = new Promise<number>((resolve, reject) => {
        inFlight.on('response', (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        });
        inFlight.on('error', reject);
      });
      inFlight.write(body.slice(0, 10));
      await new Promise((resolve) => setTimeout(resolve, 300));

      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(child.exitCode).toBeNull();
      const refused = await fetch(url).then(
        () => 'answered',
        () => 'refused',
      );
      expect(refused).toBe('refused');

      inFlight.end(body.slice(10));
      expect(await answered).toBe(403);
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await engine.stop();
    }
  });
});
