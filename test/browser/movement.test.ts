import type { Page } from 'playwright-core';
import { systemActor } from '../../src/audit/actor';
import type { ActivityInput } from '../../src/features/activities/activityService';
import { Activity } from '../../src/models/activity';
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
    await publishActivities();
  });

  /** One activity of each kind, an upcoming and a past event, written through the activity service. */
  async function publishActivities() {
    const actor = systemActor('test');
    const base: ActivityInput = {
      initiative: 'tech-accord', kind: 'event', title: { en: '', fr: '' }, text: { en: 'In English.\n\nA second paragraph.', fr: 'En français.' },
      date: null, allDay: true, timeZone: null, durationMinutes: null, link: null, recordingUrl: null, coSigners: [], partners: [],
    };
    const publish = (input: Partial<ActivityInput>) => site.testApp.services.activities.create(actor, { ...base, ...input });
    await publish({
      title: { en: 'Axe past webinar', fr: 'Webinaire passé axe' }, date: new Date('2019-02-04T15:00:00Z'), allDay: false,
      timeZone: 'Europe/Paris', durationMinutes: 60, link: 'https://webinar.example/join', recordingUrl: 'https://video.example/recording',
    });
    await publish({ title: { en: 'Axe future webinar', fr: 'Webinaire futur axe' }, date: new Date('2031-03-10T00:00:00Z') });
    await publish({ kind: 'statement', title: { en: 'Axe joint statement', fr: 'Déclaration commune axe' }, date: new Date('2018-11-12T00:00:00Z'), coSigners: [funded, funder] });
    await publish({ kind: 'partnership', title: { en: 'Axe partnership', fr: 'Partenariat axe' }, partners: [{ slug: funder }, { name: 'Outside Partner', url: 'https://partner.example' }] });
    await publish({ kind: 'announcement', title: { en: 'Axe new members', fr: 'Nouveaux membres axe' }, date: new Date('2020-05-31T00:00:00Z') });
  }

  let staffPage: Page | undefined;
  /** One signed-in staff page for the file (closed with the browser). */
  async function signedInPage(): Promise<Page> {
    if (staffPage) return staffPage;
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.baseUrl}/account/sign-in?lang=en`);
    await page.getByLabel('Email address').fill(staff.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Authentication code').fill(await totpAt(staff.secret, new Date()));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => !url.pathname.includes('/sign-in'));
    staffPage = page;
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
    expect(await page.getByRole('link', { name: 'Déclaration commune axe (Cybersecurity Tech Accord)' }).count()).toBe(1);
  });

  it('every activity and announcement page is axe clean, public and secretariat', async () => {
    const page = await signedInPage();
    const activity = '/initiatives/tech-accord/activities';
    const id = String((await Activity.findOne({ slug: 'axe-past-webinar' }).lean())?._id);
    await checkEveryLanguage(page, [
      activity,
      `${activity}/axe-past-webinar`,
      `${activity}/axe-joint-statement`,
      `${activity}/axe-partnership`,
      `${activity}/axe-new-members`,
      '/secretariat/activities',
      `/secretariat/activities/${id}`,
      '/secretariat/announcements/new',
      '/secretariat/announcements/new?initiative=tech-accord&from=2020-05-01&to=2020-05-31',
    ]);
    await page.goto(`${site.baseUrl}${activity}/axe-past-webinar?lang=en`);
    expect(await page.getByRole('link', { name: 'https://video.example/recording' }).count()).toBe(1);
    await page.goto(`${site.baseUrl}/secretariat/activities/new?lang=en`);
    await page.getByRole('button', { name: 'Save the activity' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#field-titleEn-error').textContent()).toContain('This field is required.');
    await checkA11y(page);
  });
});
