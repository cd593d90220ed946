import { createAuthenticator } from '../../src/middleware/authentication';

const member: Express.User = {
  id: 'user-1',
  email: 'member@example.org',
  role: 'member',
  twoFactorEnabled: false,
  mustChangePassword: false,
};

describe('Passport set-up', () => {
  const authenticator = createAuthenticator((id) => Promise.resolve(id === member.id ? member : null));

  it('puts only the user id in the session', async () => {
    const stored = await new Promise((resolve, reject) =>
      authenticator.serializeUser(member, (error, id) => (error ? reject(error) : resolve(id))),
    );
    expect(stored).toBe('user-1');
  });

  it('loads the user from the id, and nobody for an unknown or malformed id', async () => {
    const load = (id: string | object) =>
      new Promise((resolve, reject) =>
        authenticator.deserializeUser(id, (error: unknown, user?: Express.User | false | null) =>
          error ? reject(error) : resolve(user),
        ),
      );
    expect(await load('user-1')).toEqual(member);
    expect(await load('user-2')).toBe(false);
    expect(await load({ $ne: null })).toBe(false);
  });
});
