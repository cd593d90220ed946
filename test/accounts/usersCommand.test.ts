import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/paths';
import { testPasswordHashingEnvironment } from '../helpers/passwordHashing';

/**
 * The site and the command line as separate processes on one embedded data directory, as a person runs them
 * (one Node process each, as `npm start` does: tsx's own CLI would start a second one every time).
 */
let dataDir: string;
let site: ChildProcess;
let siteOutput = '';
let environment: NodeJS.ProcessEnv;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'users-cli-'));
  environment = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    RUN_JOBS: 'false',
    ...testPasswordHashingEnvironment,
  };
  site = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: projectRoot,
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  site.stdout!.on('data', (chunk: Buffer) => (siteOutput += chunk.toString()));
  site.stderr!.on('data', (chunk: Buffer) => (siteOutput += chunk.toString()));
  const deadline = Date.now() + 90_000;
  while (!siteOutput.includes('Accord Registry is serving')) {
    if (Date.now() > deadline || site.exitCode !== null) throw new Error(`the site did not start:\n${siteOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 120_000);

afterAll(async () => {
  if (site.exitCode === null) {
    const exited = new Promise((resolve) => site.once('exit', resolve));
    site.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

function users(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/users.ts', ...args],
      { cwd: projectRoot, env: environment },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
    else child.stdin!.end();
  });
}

describe('npm run users, while the site runs on the same data directory', () => {
  it('the first development start created an admin and printed its e-mail and one-time password once', () => {
    expect(siteOutput).toMatch(/Email address: +admin@registry\.localhost/);
    expect(siteOutput).toMatch(/One-time password: +\S{16,}/);
  });

  it('adds a user with an invitation link, another with a password from stdin, lists and disables', async () => {
    const invited = await users(['add', '--email', 'Staff.Person@Example.test', '--role', 'secretariat']);
    expect(invited.code).toBe(0);
    expect(invited.stdout).toMatch(/http:\/\/localhost:\d+\/account\/invitation\/[A-Za-z0-9_-]{43}/);

    const withPassword = await users(['add', '--email', 'admin.two@example.test', '--role', 'admin', '--password-stdin'], 'a long enough passphrase for the cli\n');
    expect(withPassword.code).toBe(0);
    expect(withPassword.stdout).toContain('Created admin.two@example.test');

    const listed = await users(['list']);
    expect(listed.code).toBe(0);
    const rows = listed.stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(rows.map((row) => [row[0], row[1], row[3]])).toEqual([
      ['admin.two@example.test', 'admin', 'active'],
      ['admin@registry.localhost', 'admin', 'active'],
      ['staff.person@example.test', 'secretariat', 'invited'],
    ]);

    const disabled = await users(['disable', '--email', 'admin.two@example.test']);
    expect(disabled.code).toBe(0);
    expect((await users(['list'])).stdout).toMatch(/admin\.two@example\.test\tadmin\t-\tdisabled/);
  }, 300_000);

  it('refuses bad input with a message and changes nothing', async () => {
    const badRole = await users(['add', '--email', 'someone@example.test', '--role', 'owner']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of member, secretariat, admin');
    const weak = await users(['add', '--email', 'weak@example.test', '--role', 'admin', '--password-stdin'], 'password123\n');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('The password is refused');
    const noOrganisation = await users(['add', '--email', 'member@example.test', '--role', 'member', '--organisation', 'no-such-org']);
    expect(noOrganisation.code).toBe(1);
    expect(noOrganisation.stderr).toContain('No organisation with the slug no-such-org');
    const listed = (await users(['list'])).stdout;
    for (const email of ['someone@', 'weak@', 'member@example.test']) expect(listed).not.toContain(email);
  }, 300_000);
});
