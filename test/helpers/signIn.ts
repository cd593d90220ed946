import type { Agent } from './app';
import { postForm } from './csrf';
import { TEST_PASSWORD } from './factories';

/** Signs in through the real form, as a person would (no two-factor step). */
export async function signIn(agent: Agent, email: string, password = TEST_PASSWORD) {
  const response = await postForm(agent, '/account/sign-in', '/account/sign-in', { email, password });
  if (response.status !== 303) throw new Error(`sign-in of ${email} answered ${response.status}`);
  return response;
}

export const sessionCookie = (response: { headers: Record<string, unknown> }): string | undefined => {
  const cookies = response.headers['set-cookie'];
  const list = Array.isArray(cookies) ? (cookies as string[]) : [];
  return list.find((cookie) => cookie.startsWith('accord.sid='))?.split(';')[0];
};
