import { startTestApp, type TestApp } from '../helpers/app';
import { answerChecker } from './openApi';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp({ env: { API_RATE_LIMIT_PER_WINDOW: '3' } });
});
afterAll(() => testApp.stop());

describe('read API rate limit', () => {
  it('counts requests per client IP and answers a 429 problem document past the limit', async () => {
    const check = answerChecker((await testApp.agent().get('/api/v1/openapi.json')).body);
    const remaining: string[] = [];
    for (let request = 1; request <= 2; request += 1) {
      const response = await testApp.agent().get('/api/v1/initiatives');
      expect(response.status).toBe(200);
      remaining.push(String(response.headers['ratelimit']));
    }
    expect(remaining).toEqual([expect.stringMatching(/; r=1; /), expect.stringMatching(/; r=0; /)]);
    const refused = await testApp.agent().get('/api/v1/organisations');
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['ratelimit-policy']).toContain('q=3; w=60');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const problem = JSON.parse(refused.text) as unknown;
    check('/organisations', 429, 'application/problem+json', problem);
    expect(problem).toMatchObject({ status: 429, title: 'Too Many Requests' });
  });
});
