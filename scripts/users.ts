/**
 * Accounts from the command line (works while the site runs on the same data directory).
 *   npm run users -- add --email E --role R [--organisation SLUG] [--password-stdin]
 *   npm run users -- list
 *   npm run users -- disable --email E
 */
import { parseArgs } from 'node:util';
import pino from 'pino';
import { z } from 'zod';
import { ROLES } from '../src/audit/actor';
import { systemActor } from '../src/audit/actor';
import { loadConfig } from '../src/config';
import { connectDatabase } from '../src/db';
import { passwordProblem } from '../src/features/accounts/passwords';
import { createLogger } from '../src/logger';
import { createServices, type Services } from '../src/services';

const usage = `Usage:
  npm run users -- add --email E --role ${ROLES.join('|')} [--organisation SLUG] [--password-stdin]
  npm run users -- list
  npm run users -- disable --email E`;

class UsageError extends Error {}

const addArguments = z.object({
  email: z.email({ message: '--email needs an e-mail address' }).max(254),
  role: z.enum(ROLES, { message: `--role must be one of ${ROLES.join(', ')}` }),
  organisation: z.string().min(1).max(200).optional(),
  'password-stdin': z.boolean().default(false),
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function add(services: Services, argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { email: { type: 'string' }, role: { type: 'string' }, organisation: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  });
  const parsed = addArguments.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => issue.message).join('\n'));
  const { email, role, organisation } = parsed.data;
  if (role === 'member' && !organisation) throw new UsageError('A member needs --organisation SLUG');
  const actor = systemActor('users-cli');
  if (parsed.data['password-stdin']) {
    const password = await readStdin();
    const problem = passwordProblem(password, email);
    if (problem) throw new UsageError(`The password is refused (${problem}): 12 to 128 characters, not a common password, not containing the e-mail's first part.`);
    await services.accounts.createUser(actor, { email, role, organisationSlug: organisation, password });
    process.stdout.write(`Created ${email} (${role}${organisation ? `, ${organisation}` : ''}).\n`);
    return;
  }
  const { link } = await services.accounts.inviteUser(actor, { email, role, organisationSlug: organisation });
  process.stdout.write(`Invited ${email} (${role}${organisation ? `, ${organisation}` : ''}). Single-use invitation link (7 days):\n${link}\n`);
}

async function list(services: Services): Promise<void> {
  const users = await services.accounts.listUsers();
  for (const user of users) {
    const columns = [user.email, user.role, user.organisation ?? '-', user.state, user.twoFactor ? '2fa' : 'no-2fa', user.lastSignInAt?.toISOString() ?? 'never'];
    process.stdout.write(`${columns.join('\t')}\n`);
  }
  process.stderr.write(`${users.length} account${users.length === 1 ? '' : 's'}\n`);
}

async function disable(services: Services, argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { email: { type: 'string' } } });
  if (!values.email) throw new UsageError('disable needs --email E');
  const outcome = await services.accounts.disableUser(systemActor('users-cli'), values.email);
  if (outcome === 'not-found') throw new UsageError(`No account has the e-mail ${values.email}`);
  process.stdout.write(outcome === 'disabled' ? `Disabled ${values.email}; its sessions are ended.\n` : `${values.email} was already disabled.\n`);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || !['add', 'list', 'disable'].includes(command)) throw new UsageError(command ? `Unknown command ${command}` : 'Say what to do.');
  const config = loadConfig();
  // Logs go to stderr so stdout carries only the answer (a link, a list).
  const logger = createLogger({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2));
  const database = await connectDatabase(config, logger);
  const services = createServices({ config, logger, connection: database.connection });
  try {
    if (command === 'add') await add(services, rest);
    else if (command === 'list') await list(services);
    else await disable(services, rest);
  } finally {
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${usage}\n`);
      process.exit(2);
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  },
);
