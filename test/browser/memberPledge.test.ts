import { checkA11y, describeInBrowser } from '../helpers/browser';
import { useAppInBrowser } from '../helpers/browserApp';
import { makeOrganisation, makeUser, TEST_PASSWORD } from '../helpers/factories';

// Each test visits many pages in two languages; a loaded runner must not fail them on Jest's 60 s default.
jest.setTimeout(180_000);

describeInBrowser('a member edits a pledge in Chromium, without JavaScript, checked by axe', () => {
  let slug = '';
  let email = '';
  const site = useAppInBrowser({}, async () => {
    const organisation = await makeOrganisation({ name: 'Delta Browser Org' });
    slug = String(organisation.slug);
    email = (await makeUser({ organisation })).email;
  });

  it('signs in, saves a pledge and sees it on the public profile; every page axe clean in en and fr', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/account/organisations/${slug}/pledges/tech-accord?lang=en`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${site.baseUrl}/account/organisations/${slug}/pledges/tech-accord?lang=en`);
    await page.getByLabel('Stronger defence').check();
    await page.getByLabel('Capacity building').check();
    await page.getByLabel('Public statement').fill('Delta protects every customer.');
    await page.getByRole('button', { name: 'Save pledge' }).click();
    await page.waitForURL(/pledges\/tech-accord$/);
    expect(await page.getByText('The pledge is saved as version 1.').count()).toBe(1);
    await page.goto(`${site.baseUrl}/signatories/${slug}?lang=en`);
    expect(await page.getByText('Delta protects every customer.').count()).toBe(1);
    expect(await page.getByText('First version').count()).toBe(1);

    // axe runs inside the page, so the same signed-in session is checked in a context with scripts on.
    const checked = await site.browser.newContext({ storageState: await context.storageState() });
    await context.close();
    const axePage = await checked.newPage();
    const paths = [
      '/account',
      `/account/organisations/${slug}`,
      `/account/organisations/${slug}/details`,
      `/account/organisations/${slug}/pledges/tech-accord`,
      `/account/organisations/${slug}/evidence`,
      '/account/security',
      '/account/two-factor',
      // Last, so the checks below read the public profile in French.
      `/signatories/${slug}`,
    ];
    for (const path of paths) {
      for (const lang of ['en', 'fr']) {
        await axePage.goto(`${site.baseUrl}${path}?lang=${lang}`);
        expect(await axePage.getAttribute('html', 'lang')).toBe(lang);
        await checkA11y(axePage);
      }
    }
    expect(await axePage.getByText('Première version').count()).toBe(1);
    await checked.close();
  });
});
