import { Router } from 'express';
import { startTestApp, testSessionSecret, type TestApp } from '../helpers/app';

// Test-only routes (through createApp's extraRouters): production has no route that fails on demand.
const explode = Router().get('/test-only/explode', () => {
  throw new Error('deliberate failure with a secret detail');
});

describe.each([
  ['development', { NODE_ENV: 'test' as const }],
  ['production', { NODE_ENV: 'production' as const, SESSION_SECRET: testSessionSecret }],
])('error pages (%s)', (mode, env) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ env, extraRouters: [explode] });
  });
  afterAll(() => testApp.stop());

  it('answers an unknown page with a 404 page showing the request id', async () => {
    const response = await testApp.agent().get('/no-such-page').set('Accept', 'text/html');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toContain('Page not found');
    expect(response.text).toContain(`<code>${response.headers['x-request-id']}</code>`);
  });

  it('answers an unknown page with JSON when JSON is asked for', async () => {
    const response = await testApp.agent().get('/no-such-page').set('Accept', 'application/json');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error: { status: 404, message: 'Page not found', requestId: response.headers['x-request-id'] },
    });
  });

  it('answers a failure with a 500 page, details only outside production', async () => {
    const response = await testApp.agent().get('/test-only/explode').set('Accept', 'text/html');
    expect(response.status).toBe(500);
    expect(response.text).toContain('Something went wrong');
    expect(response.text).toContain(`<code>${response.headers['x-request-id']}</code>`);
    if (mode === 'production') expect(response.text).not.toContain('secret detail');
    else expect(response.text).toContain('deliberate failure with a secret detail');
  });

  it('answers a failure with JSON when JSON is asked for', async () => {
    const response = await testApp.agent().get('/test-only/explode').set('Accept', 'application/json');
    expect(response.status).toBe(500);
    expect(response.body.error).toMatchObject({ status: 500, requestId: response.headers['x-request-id'] });
    expect(JSON.stringify(response.body).includes('secret detail')).toBe(mode !== 'production');
  });

  it('answers a malformed JSON body with 400, not 500', async () => {
    const response = await testApp
      .agent()
      .post('/language')
      .set('Content-Type', 'application/json')
      .set('Accept', 'application/json')
      .send('{"lang": ');
    expect(response.status).toBe(400);
    expect(response.body.error.status).toBe(400);
  });

  it('answers an oversized body with 413', async () => {
    const response = await testApp
      .agent()
      .post('/language')
      .type('form')
      .send({ lang: 'x'.repeat(200_000) });
    expect(response.status).toBe(413);
    expect(response.text).toContain('Request too large');
  });
});
