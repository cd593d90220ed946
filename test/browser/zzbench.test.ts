import fs from 'node:fs';
import axe from 'axe-core';
import { describeInBrowser } from '../helpers/browser';
import { useAppInBrowser } from '../helpers/browserApp';

jest.setTimeout(600_000);
const min = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

describeInBrowser('bench', () => {
  const site = useAppInBrowser({});
  const N = 8;
  async function timed(label: string, body: () => Promise<void>) {
    const t = Date.now();
    await body();
    console.log(`${label}: ${Math.round((Date.now() - t) / N)} ms each`);
  }
  it('compares', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    for (let round = 0; round < 2; round++) {
      await timed('goto', async () => {
        for (let i = 0; i < N; i++) await page.goto(`${site.baseUrl}/language`);
      });
      await timed('goto + inject full', async () => {
        for (let i = 0; i < N; i++) {
          await page.goto(`${site.baseUrl}/language`);
          await page.evaluate(axe.source);
        }
      });
      await timed('goto + inject min', async () => {
        for (let i = 0; i < N; i++) {
          await page.goto(`${site.baseUrl}/language`);
          await page.evaluate(min);
        }
      });
    }
    const c2 = await site.browser.newContext();
    await c2.addInitScript(min);
    const p2 = await c2.newPage();
    await timed('goto with init script min', async () => {
      for (let i = 0; i < N; i++) {
        await p2.goto(`${site.baseUrl}/language`);
      }
    });
    await timed('goto with init script min + check present', async () => {
      for (let i = 0; i < N; i++) {
        await p2.goto(`${site.baseUrl}/language`);
        await p2.evaluate('typeof axe.run');
      }
    });
    await context.close();
    await c2.close();
  });
});
