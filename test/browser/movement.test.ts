import type { Page } from 'playwright-core';
import { Relationship } from '../../src/models/relationship';
import { checkA11y, describeInBrowser } from '../helpers/browser';
import { useAppInBrowser } from '../helpers/browserApp';
import { makeOrganisation, TEST_PASSWORD } from '../helpers/factories';
import { makeStaffUser } from '../helpers/staff';
import { totpAt } from '../helpers/twoFactor';

jest.setTimeout(300_000);

describeInBrowser('relationships and activities in Chromium, checked by axe in English and French', () => {
  let staff: Awaited<ReturnType<typeof makeStaffUser>>;
  let funded = '';
  let funder = '';
  const site = useAppInBrowser({}, async () => {
    staff = await makeStaffUser();
    funded = String((await makeOrganisation({ name: 'Axe Peace Lab' })).slug);
    funder = String((await makeOrganisation({ name: 'Axe Funder' })).slug);
  });

  async function signedInPage(): Promise<Page> {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/account/sign-in?lang=en`);
    await page.getByLabel('Email address').fill(staff.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Authentication code').fill(await totpAt(staff.secret, new Date()));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => !url.pathname.includes('/sign-in'));
    return page;
  }

  async function checkEveryLanguage(page: Page, paths: string[]) {
    for (const path of paths) {
      for (const lang of ['en', 'fr']) {
        const response = await page.goto(`${site.baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        expect([path, response?.status()]).toEqual([path, 200]);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        await checkA11y(page);
      }
    }
  }

  it('records a relationship through the form, and every relationship page is axe clean', async () => {
    const page = await signedInPage();
    await page.goto(`${site.baseUrl}/secretariat/relationships/new?lang=en`);
    await page.getByRole('button', { name: 'Save the relationship' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('The relationship was not saved');
    await checkA11y(page);
    await page.locator('#field-fromOrganisation').fill(funder);
    await page.locator('#field-toOrganisation').fill(funded);
    await page.getByLabel('Public source').fill('https://peace.example/funders');
    await page.getByRole('button', { name: 'Save the relationship' }).click();
    await page.waitForURL(/\/secretariat\/relationships$/);
    const id = String((await Relationship.findOne().lean())?._id);
    await checkEveryLanguage(page, [
      '/secretariat/relationships',
      '/secretariat/relationships/new',
      `/secretariat/relationships/${id}`,
      `/signatories/${funder}`,
      `/signatories/${funded}`,
    ]);
    expect(await page.getByText('Financé par').count()).toBe(1);
    await page.context().close();
  });
});
