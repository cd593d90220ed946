import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleServer } from '../../scripts/bundle-server';
import { primeCodeCache } from '../../scripts/prime-code-cache';
import { startEngine, type RunningEngine } from '../../src/engine';
import { SAVED_FORMAT } from '../../src/features/directory/savedEntries';
import { projectRoot } from '../../src/paths';
import { servingUrl } from '../helpers/serverProcess';

jest.setTimeout(120_000);

// The one-file server `npm run serve` runs, bundled as `npm run build` bundles it, in production mode.
describe('the bundled server', () => {
  let engine: RunningEngine;
  let child: ChildProcess;
  let baseUrl: string;
  let bundleDir: string;
  let serverEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    mkdirSync(path.join(projectRoot, 'dist'), { recursive: true });
    bundleDir = mkdtempSync(path.join(projectRoot, 'dist', 'test-bundle-'));
    const loader = path.join(bundleDir, 'server.js');
    await bundleServer({ outdir: bundleDir, savedFormat: SAVED_FORMAT });
    engine = await startEngine();
    serverEnv = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'a'.repeat(40),
      SEED_DEMO_DATA: 'false',
      PORT: '0',
      HOST: '127.0.0.1',
      MONGODB_URI: engine.uri,
      LOG_LEVEL: 'silent',
      // Behind a TLS proxy as in production: the session cookie is secure, set only on HTTPS requests.
      TRUST_PROXY: '1',
    };
    child = spawn(process.execPath, [loader], {
      cwd: projectRoot,
      env: { ...process.env, ...serverEnv },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    baseUrl = await servingUrl(child);
  });

  afterAll(async () => {
    if (child?.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await engine?.stop();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  it('renders pages with their views and translations, and serves the stylesheet they link', async () => {
    const home = await fetch(`${baseUrl}/`);
    const html = await home.text();
    expect(home.status).toBe(200);
    expect(html).toContain('<main');
    const stylesheet = /<link rel="stylesheet" href="(\/css\/[^"]+)"/.exec(html)?.[1];
    expect(stylesheet).toBeDefined();
    const css = await fetch(`${baseUrl}${stylesheet}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);

    const french = await fetch(`${baseUrl}/account/sign-in`, { headers: { 'Accept-Language': 'fr' } });
    const frenchTitle = (
      JSON.parse(readFileSync(path.join(projectRoot, 'src/locales/fr/accounts.json'), 'utf8')) as {
        signIn: { title: string };
      }
    ).signIn.title;
    const frenchPage = await french.text();
    expect(frenchPage).toContain('<html lang="fr">');
    expect(frenchPage).toContain(frenchTitle);
  });

  it('answers a sign-in with unknown credentials with the form and its message', async () => {
    const https = { 'X-Forwarded-Proto': 'https' };
    const form = await fetch(`${baseUrl}/account/sign-in`, { headers: https });
    const page = await form.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const cookie = form.headers
      .getSetCookie()
      .map((entry) => entry.split(';')[0])
      .join('; ');
    expect(page).toContain('name="password"');

    const answer = await fetch(`${baseUrl}/account/sign-in`, {
      method: 'POST',
      headers: { ...https, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams({ _csrf: token, email: 'nobody@example.org', password: 'not the password' }),
      redirect: 'manual',
    });
    expect(answer.status).toBe(401);
    expect(await answer.text()).toContain('name="password"');
  });

  it('saves V8 code cache for the next start beside the bundle when it stops', async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const caches = readdirSync(bundleDir).filter((file) =>
      /^server-bundle\.js\.[0-9a-f]{16}\.cache$/.test(file),
    );
    expect(caches).toHaveLength(1);
    const cache = path.join(bundleDir, caches[0] ?? '');
    const saved = statSync(cache);
    expect(saved.size).toBeGreaterThan(0);

    // The next start runs from it: a cache V8 refused would be made again and saved over it at exit.
    child = spawn(process.execPath, [path.join(bundleDir, 'server.js')], {
      cwd: projectRoot,
      env: { ...process.env, ...serverEnv },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    expect((await fetch(`${await servingUrl(child)}/healthz`)).status).toBe(200);
    const stopped = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await stopped;
    expect(statSync(cache).mtimeMs).toBe(saved.mtimeMs);
  });
});

// `npm run build` ends by starting the bundle once, so a deployment's first start has the code cache too.
describe('a primed build', () => {
  let bundleDir: string;
  afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

  it('holds a code cache that the first start reads rather than makes again', async () => {
    mkdirSync(path.join(projectRoot, 'dist'), { recursive: true });
    bundleDir = mkdtempSync(path.join(projectRoot, 'dist', 'test-primed-'));
    await bundleServer({ outdir: bundleDir, savedFormat: SAVED_FORMAT });
    const cachesNow = () => readdirSync(bundleDir).filter((file) => file.endsWith('.cache'));
    expect(cachesNow()).toEqual([]);
    await primeCodeCache(bundleDir);
    const [cacheName] = cachesNow();
    expect(cachesNow()).toHaveLength(1);
    const cache = path.join(bundleDir, cacheName ?? '');
    const primed = statSync(cache);

    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'accord-primed-start-'));
    const child = spawn(process.execPath, [path.join(bundleDir, 'server.js')], {
      cwd: projectRoot,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        SESSION_SECRET: 'b'.repeat(40),
        SEED_DEMO_DATA: 'false',
        RUN_JOBS: 'false',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        MONGODB_URI: '',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      expect((await fetch(`${await servingUrl(child)}/`)).status).toBe(200);
    } finally {
      const stopped = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await stopped;
      rmSync(dataDir, { recursive: true, force: true });
    }
    // A refused cache would have been made again and saved over the primed one when the server stopped.
    expect(statSync(cache).mtimeMs).toBe(primed.mtimeMs);
    expect(cachesNow()).toEqual([cacheName]);
  });
});
