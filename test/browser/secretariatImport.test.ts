import type { Page } from 'playwright-core';
import { ImportRun } from '../../src/models/importRun';
import { checkA11y, describeInBrowser } from '../helpers/browser';
import { useAppInBrowser } from '../helpers/browserApp';
import { makeStaffUser } from '../helpers/staff';
import { signInWithTwoFactor } from './applicationPages';

jest.setTimeout(240_000);

const CSV = [
  'name,country,category,sector,website,joined,initiative',
  'Osprey Signal Works,IE,private-sector,company,https://osprey-signal.example,2024-02-01,',
  'Plover Research Trust,PT,civil-society,research,,2023-09-12,paris-call',
  ',PT,civil-society,research,,,paris-call',
].join('\n');

/** Follows the page's own refresh link until the run reaches `state`. */
async function refreshUntil(page: Page, state: string) {
  const deadline = Date.now() + 90_000;
  while (!(await page.getByText(state, { exact: true }).count())) {
    if (Date.now() > deadline) throw new Error(`the import never reached "${state}"`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await page.getByRole('link', { name: 'Refresh to see the progress' }).click();
  }
}

describeInBrowser('the secretariat imports a CSV in Chromium without JavaScript; import pages axe clean', () => {
  let staff: Awaited<ReturnType<typeof makeStaffUser>>;
  const site = useAppInBrowser({ runJobs: true, env: { JOBS_POLL_MS: '200' } }, async () => {
    staff = await makeStaffUser();
  });

  it('uploads, reads the dry run, applies it, follows the progress and finds the organisations in the directory', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInWithTwoFactor(page, site.baseUrl, staff);
    await page.goto(`${site.baseUrl}/secretariat?lang=en`);
    await page.getByRole('navigation', { name: 'Secretariat' }).getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('Initiative for rows that name none').selectOption('tech-accord');
    await page.getByLabel('CSV file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.getByRole('button', { name: 'Check the file' }).click();
    expect(await page.getByText('The file must be a CSV file (its name ends in .csv).').count()).toBe(2);

    await page.getByLabel('CSV file').setInputFiles({ name: 'new-members.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.waitForURL(/\/secretariat\/import\/[0-9a-f]{24}$/);
    await refreshUntil(page, 'Checked: waiting to be applied');
    expect(await page.getByRole('heading', { name: 'Dry run: what the import would do' }).count()).toBe(1);
    const rejectedRows = page.getByRole('table', { name: 'Rejected rows' });
    expect(await rejectedRows.getByRole('cell', { name: '4', exact: true }).count()).toBe(1);

    await page.getByRole('button', { name: 'Apply the import' }).click();
    expect(await page.getByRole('status').textContent()).toContain('The import has started.');
    await refreshUntil(page, 'Imported');
    expect(await page.getByRole('heading', { name: 'What the import did' }).count()).toBe(1);

    await page.goto(`${site.baseUrl}/signatories?q=Osprey&lang=en`);
    await page.getByRole('link', { name: 'Osprey Signal Works' }).click();
    await page.getByRole('heading', { name: 'Osprey Signal Works', level: 1 }).waitFor();
    await context.close();
  });

  it('every import page, in English and French', async () => {
    const run = await ImportRun.findOne({ state: 'applied' }).lean();
    const running = await ImportRun.create({
      state: 'applying',
      fileName: 'large-export.csv',
      size: 1000,
      uploadedBy: { label: staff.email, role: 'secretariat' },
      appliedBy: { label: staff.email, role: 'secretariat' },
      progress: { processed: 500, total: 2000 },
    });
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await signInWithTwoFactor(page, site.baseUrl, staff);
    for (const lang of ['en', 'fr']) {
      for (const path of ['/secretariat/import', `/secretariat/import/${String(run!._id)}`, `/secretariat/import/${String(running._id)}`]) {
        await page.goto(`${site.baseUrl}${path}?lang=${lang}`);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        await checkA11y(page);
      }
      await page.goto(`${site.baseUrl}/secretariat/import?lang=${lang}`);
      await page.locator('#field-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
      await page.locator('form.form button[type=submit]').click();
      await page.locator('.error-summary').waitFor();
      await checkA11y(page);
    }
    await context.close();
  });
});
