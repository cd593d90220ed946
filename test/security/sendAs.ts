import type { Response } from 'supertest';
import type { Agent } from '../helpers/app';
import { fetchCsrf } from '../helpers/csrf';

/** A request as a browser sends it: GET plain, anything else a form with the session's own CSRF token. */
export async function sendAs(
  agent: Agent,
  method: string,
  url: string,
  tokenPage: string,
): Promise<Response> {
  if (method === 'GET') return agent.get(url).set('Accept', 'text/html').redirects(0);
  const token = await fetchCsrf(agent, tokenPage);
  return agent[method.toLowerCase() as 'post'](url)
    .type('form')
    .set('Accept', 'text/html')
    .send({ _csrf: token })
    .redirects(0);
}
