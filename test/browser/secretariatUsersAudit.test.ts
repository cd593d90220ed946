import { checkA11y, describeInBrowser } from '../helpers/browser';
import { useAppInBrowser } from '../helpers/browserApp';
import { makeOrganisation, makeUser, TEST_PASSWORD } from '../helpers/factories';
import { makeStaffUser } from '../helpers/staff';
import { totpAt } from '../helpers/twoFactor';

jest.setTimeout(180_000);

describeInBrowser('the secretariat’s users and audit log pages in Chromium, checked by axe', () => {
  let staff: Awaited<ReturnType<typeof makeStaffUser>>;
  let memberId = '';
  const site = useAppInBrowser({}, async () => {
    staff = await makeStaffUser('admin');
    memberId = (await makeUser({ organisation: await makeOrganisation({ name: 'Axe Checked Org' }) })).id;
  });

  it('signs in with two-factor; the users, invitation, user and audit pages are axe clean in en and fr', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/account/sign-in?lang=en`);
    await page.getByLabel('Email address').fill(staff.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Authentication code').fill(await totpAt(staff.secret, new Date()));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/account/sign-in'));

    const paths = [
      '/secretariat',
      '/secretariat/users',
      '/secretariat/users?q=axe',
      '/secretariat/users/invite',
      `/secretariat/users/${memberId}`,
      '/secretariat/audit',
      '/secretariat/audit?from=2026-02-30&action=nope',
    ];
    for (const lang of ['en', 'fr']) {
      for (const path of paths) {
        await page.goto(`${site.baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        expect([path, await page.getAttribute('html', 'lang')]).toEqual([path, lang]);
        await checkA11y(page);
      }
    }
    // An invitation refused in the browser shows its message next to the field.
    await page.goto(`${site.baseUrl}/secretariat/users/invite?lang=en`);
    await page.getByLabel('Email address').fill('not an address');
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    expect(await page.locator('#field-email-error').textContent()).toContain('Enter an email address');
    await checkA11y(page);
    await context.close();
  });
});
