import type { Agent } from './app';

const csrfField = /name="_csrf" value="([^"]+)"/;

/** Loads a page with a form (keeping the session cookie in the agent) and returns its CSRF token. */
export async function fetchCsrf(agent: Agent, path: string): Promise<string> {
  const response = await agent.get(path).set('Accept', 'text/html');
  const match = csrfField.exec(response.text);
  if (!match?.[1]) throw new Error(`No CSRF token in the form at ${path} (status ${response.status})`);
  return match[1];
}

/** Posts a form the way a browser does: urlencoded, with the token from the page and the session cookie. */
export async function postForm(
  agent: Agent,
  formPath: string,
  action: string,
  fields: Record<string, string>,
) {
  const token = await fetchCsrf(agent, formPath);
  return agent
    .post(action)
    .type('form')
    .send({ ...fields, _csrf: token });
}
