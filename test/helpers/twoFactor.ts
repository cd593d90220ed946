import { generate } from 'otplib';
import type { Agent } from './app';
import { postForm } from './csrf';

/** The setup key the enrolment page shows in its `<code>` element, spaces removed. */
export function setupKeyIn(html: string): string {
  const match = /<code class="two-factor-key__text">([A-Z2-7 ]+)<\/code>/.exec(html);
  if (!match?.[1]) throw new Error('no setup key on the page');
  return match[1].replace(/ /g, '');
}

/** The code an authenticator app shows for `secret` at `at`. */
export const totpAt = (secret: string, at: Date): Promise<string> =>
  generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

/** Turns two-factor on through the pages, as a person would; returns the secret and the recovery codes. */
export async function enrolTwoFactor(agent: Agent, at: Date): Promise<{ secret: string; recoveryCodes: string[] }> {
  const page = await agent.get('/account/two-factor');
  const secret = setupKeyIn(page.text);
  const response = await postForm(agent, '/account/two-factor', '/account/two-factor', { code: await totpAt(secret, at) });
  if (response.status !== 303) throw new Error(`enrolment answered ${response.status}`);
  const codesPage = await agent.get('/account/two-factor/recovery-codes');
  const recoveryCodes = [...codesPage.text.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);
  return { secret, recoveryCodes };
}
