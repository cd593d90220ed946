import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAssetUrl, fingerprintAssets } from '../../src/middleware/staticAssets';

describe('fingerprinted asset URLs', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assets-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives each file a URL that changes when its content changes', () => {
    fs.mkdirSync(path.join(dir, 'css'));
    fs.writeFileSync(path.join(dir, 'css', 'site.css'), 'body { color: black }');
    const first = createAssetUrl(fingerprintAssets(dir))('/css/site.css');
    expect(first).toMatch(/^\/css\/site\.css\?v=[0-9a-f]{10}$/);

    fs.writeFileSync(path.join(dir, 'css', 'site.css'), 'body { color: navy }');
    const second = createAssetUrl(fingerprintAssets(dir))('/css/site.css');
    expect(second).not.toEqual(first);
  });

  it('refuses an asset that does not exist, so a typo fails loudly', () => {
    expect(() => createAssetUrl(fingerprintAssets(dir))('/css/missing.css')).toThrow(/Unknown asset/);
  });
});
