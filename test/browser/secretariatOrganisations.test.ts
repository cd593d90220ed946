import { actorFrom } from '../../src/audit/actor';
import { checkA11y, describeInBrowser } from '../helpers/browser';
import { useAppInBrowser } from '../helpers/browserApp';
import { makeOrganisation, TEST_PASSWORD } from '../helpers/factories';
import { makeStaffUser } from '../helpers/staff';
import { totpAt } from '../helpers/twoFactor';

// Each test visits many pages in two languages; a loaded runner must not fail them on Jest's 60 s default.
jest.setTimeout(180_000);

describeInBrowser('the secretariat’s organisation pages in Chromium, checked by axe', () => {
  const slugs: string[] = [];
  let staff: Awaited<ReturnType<typeof makeStaffUser>>;
  const site = useAppInBrowser({}, async () => {
    staff = await makeStaffUser();
    for (const name of ['Anchor Browser Org', 'Anchor Browser Duplicate'])
      slugs.push(String((await makeOrganisation({ name })).slug));
    const actor = actorFrom({ user: { id: staff.id, email: staff.email, role: 'secretariat' } });
    const lapsed = await site.testApp.services.organisations.findBySlug(slugs[1] ?? '');
    await site.testApp.services.organisations.changeStatus(actor, lapsed!._id, {
      state: 'withdrawn',
      reason: 'At its request',
    });
  });

  it('edits an organisation without JavaScript; every new page axe clean in en and fr', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/account/sign-in?lang=en`);
    await page.getByLabel('Email address').fill(staff.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Authentication code').fill(await totpAt(staff.secret, new Date()));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.goto(`${site.baseUrl}/secretariat/organisations/${slugs[0]}/edit`);
    await page.getByLabel('Organisation name').fill('');
    await page.getByRole('button', { name: 'Save the details' }).click();
    expect(await page.getByText('Enter the organisation name.').count()).toBeGreaterThan(0);
    await page.getByLabel('Organisation name').fill('Anchor Browser Organisation');
    await page.getByLabel('Mail domain').fill('anchor.example');
    await page.getByRole('button', { name: 'Save the details' }).click();
    await page.waitForURL(`${site.baseUrl}/secretariat/organisations/${slugs[0]}`);
    expect(await page.getByRole('heading', { name: 'Anchor Browser Organisation' }).count()).toBe(1);

    const checked = await site.browser.newContext({ storageState: await context.storageState() });
    await context.close();
    const axePage = await checked.newPage();
    const paths = [
      '/signatories?status=all',
      `/signatories/${slugs[1]}`,
      '/secretariat/organisations?q=anchor',
      `/secretariat/organisations/${slugs[0]}`,
      `/secretariat/organisations/${slugs[0]}/edit`,
      `/secretariat/organisations/${slugs[0]}/merge?q=anchor`,
      `/secretariat/organisations/${slugs[0]}/merge?duplicate=${slugs[1]}`,
    ];
    for (const path of paths) {
      for (const lang of ['en', 'fr']) {
        await axePage.goto(`${site.baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        expect(await axePage.getAttribute('html', 'lang')).toBe(lang);
        await checkA11y(axePage);
      }
    }
    await checked.close();
  }, 300_000);
});
