import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import express from 'express';
import { listen, type RunningServer } from '../../src/httpServer';

function post(port: number, path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the HTTP server', () => {
  let running: RunningServer;
  const app = express();
  const seen: { request: boolean; response: boolean }[] = [];
  app.use(express.json());
  app.post('/echo', (req, res) => {
    res.json({ got: req.body as unknown, host: req.hostname });
  });

  beforeAll(async () => {
    running = await listen(app, 0, '127.0.0.1');
    // Runs before Express's own listener, so it sees the objects as Node made them.
    running.server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      seen.push({
        request: Object.getPrototypeOf(req) === app.request,
        response: Object.getPrototypeOf(res) === app.response,
      });
    });
  });
  afterAll(() => running.close(1_000));

  it("creates requests and responses with the app's prototypes, which work as Node's own", async () => {
    const answer = await post(running.port, '/echo', JSON.stringify({ pledge: 'yes' }));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ got: { pledge: 'yes' }, host: '127.0.0.1' });
    expect(seen).toEqual([{ request: true, response: true }]);
  });
});
