import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { idleGate, StoppingError } from '../../src/startup/idleGate';

let answer: (() => void) | null = null;
const server = http.createServer((_req, res) => {
  answer = () => res.end('done');
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function get(): Promise<string> {
  return new Promise((resolve, reject) => {
    const { port } = server.address() as AddressInfo;
    http
      .get(`http://127.0.0.1:${port}/`, { agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

async function answerOfNextRequest(): Promise<() => void> {
  for (;;) {
    if (answer) return answer;
    await sleep(5);
  }
}

describe('background work at start steps aside for requests', () => {
  it('waits while a request is being answered and goes on once it is', async () => {
    const gate = idleGate(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await gate.whenIdle();

    const response = get();
    while (!answer) await sleep(5);
    let idle = false;
    const waited = gate.whenIdle().then(() => {
      idle = true;
    });
    await sleep(150);
    expect(idle).toBe(false);
    answer();
    expect(await response).toBe('done');
    await waited;
    expect(idle).toBe(true);
  });

  it('ends background work at its next step once stopped, even while a request is being answered', async () => {
    const gate = idleGate(server);
    answer = null;
    const response = get();
    const finish = await answerOfNextRequest();
    const waited = gate.whenIdle();
    gate.stop();
    await expect(waited).rejects.toBeInstanceOf(StoppingError);
    await expect(gate.whenIdle()).rejects.toBeInstanceOf(StoppingError);
    finish();
    expect(await response).toBe('done');
  });
});
