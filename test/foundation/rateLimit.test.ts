import { createApp } from '../../src/app';
import { secondServices } from '../helpers/app';
import { createLogger } from '../../src/logger';
import { MongoRateLimitStore } from '../../src/middleware/rateLimitStore';
import { mongoose, startTestApp, type TestApp } from '../helpers/app';
import request from 'supertest';
import { fetchCsrf } from '../helpers/csrf';
import type { Options } from 'express-rate-limit';

describe('rate limits shared through MongoDB', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ env: { RATE_LIMIT_WRITES_PER_WINDOW: 3 } });
  });
  afterAll(() => testApp.stop());

  it('counts writes across two app servers sharing the database', async () => {
    const secondServer = createApp({ config: testApp.config, logger: createLogger(testApp.config), services: secondServices(testApp) });
    const agents = [testApp.agent(), request.agent(secondServer)];
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const agent = agents[attempt % 2]!;
      const token = await fetchCsrf(agent, '/language');
      const response = await agent.post('/language').type('form').send({ lang: 'en', _csrf: token });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([303, 303, 303, 429]);
  });

  it('does not count reads', async () => {
    for (let i = 0; i < 5; i++) expect((await testApp.agent().get('/')).status).toBe(200);
  });

  it('starts a new window once the old one has passed', async () => {
    const store = new MongoRateLimitStore(mongoose.connection, 'window-test:');
    await store.init({ windowMs: 1_500 } as Options);
    expect((await store.increment('client')).totalHits).toBe(1);
    expect((await store.increment('client')).totalHits).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(await store.get('client')).toBeUndefined();
    expect((await store.increment('client')).totalHits).toBe(1);
  });

  it('takes a hit back and forgets a client within a window', async () => {
    // A window long enough that a busy machine cannot end it between the steps.
    const store = new MongoRateLimitStore(mongoose.connection, 'decrement-test:');
    await store.init({ windowMs: 60_000 } as Options);
    expect((await store.increment('client')).totalHits).toBe(1);
    await store.decrement('client');
    expect((await store.get('client'))?.totalHits).toBe(0);
    await store.resetKey('client');
    expect(await store.get('client')).toBeUndefined();
  });
});
