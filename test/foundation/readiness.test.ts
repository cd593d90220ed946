import { startEngine } from '../../src/engine';
import { startTestApp, type TestApp } from '../helpers/app';

async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  limitMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  let last = await probe();
  while (!accept(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await probe();
  }
  return last;
}

describe('health and readiness', () => {
  let testApp: TestApp;
  let restarted: { stop(): Promise<void> } | undefined;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => {
    await testApp.stop();
    await restarted?.stop();
  });

  it('reports alive and ready while the database is up', async () => {
    expect((await testApp.agent().get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await testApp.agent().get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', database: 'up' });
  });

  it('goes 503 when the database stops, shows a 503 page, and recovers by itself when it returns', async () => {
    const agent = testApp.agent();
    await agent.get('/language');
    await testApp.engine.stop();

    const down = await eventually(
      () => testApp.agent().get('/readyz'),
      (r) => r.status === 503,
    );
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'unavailable', database: 'down' });
    expect((await testApp.agent().get('/healthz')).status).toBe(200);

    const page = await agent.get('/language').set('Accept', 'text/html');
    expect(page.status).toBe(503);
    expect(page.text).toContain('Service temporarily unavailable');
    expect(page.headers['retry-after']).toBe('30');

    restarted = await startEngine({ port: testApp.engine.port });
    const up = await eventually(
      () => testApp.agent().get('/readyz'),
      (r) => r.status === 200,
    );
    expect(up.status).toBe(200);
    const again = await eventually(
      () => agent.get('/language'),
      (r) => r.status === 200,
    );
    expect(again.status).toBe(200);
  });
});
