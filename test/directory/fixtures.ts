import { importCsv } from '../../src/import';
import { systemActor } from '../../src/audit/actor';
import { Evidence } from '../../src/models/evidence';
import { Organisation } from '../../src/models/organisation';
import { syncOrganisationDerivedFields } from '../../src/registry/derivedFields';
import type { Services } from '../../src/services';

type Writers = Pick<Services, 'recordChange' | 'pledges'>;
const fixtureActor = systemActor('test');

/** A small registry with every filter value represented more than once. */
export const FIXTURE_CSV = [
  'name,country,category,sector,website,joined,initiative',
  'Société Générale,FR,private-sector,company,https://www.societegenerale.com,2019-03-01,paris-call',
  'Orange,FR,private-sector,company,https://www.orange.com,2018-11-12,paris-call',
  'Microsoft,US,private-sector,company,https://www.microsoft.com,2018-04-17,tech-accord',
  'Cisco,US,private-sector,company,https://www.cisco.com,2018-04-17,tech-accord',
  'Université de Genève,CH,civil-society,academia,https://www.unige.ch,2020-05-05,paris-call',
  'Ville de Montréal,CA,public-authority,local-government,,2021-02-02,paris-call',
  'Republic of Estonia,EE,state,government,,2018-11-12,paris-call',
  'Global Forum on Cyber Expertise,,civil-society,international-organisation,https://thegfce.org,2019-11-12,paris-call',
  'Ericsson,SE,private-sector,company,https://www.ericsson.com,2019-06-01,tech-accord',
  'Électricité de France,FR,private-sector,company,https://www.edf.fr,2020-01-15,paris-call',
  'Deutsche Telekom,DE,private-sector,company,https://www.telekom.com,2018-11-12,paris-call',
  'Ålborg Netværk,DK,private-sector,company,,2022-09-09,tech-accord',
].join('\n');

/** Written through the same services as the app: the audited write helper and the pledge service. */
export async function loadFixtureRegistry(services: Writers): Promise<void> {
  const report = await importCsv(FIXTURE_CSV, {
    writer: { recordChange: services.recordChange, actor: fixtureActor },
  });
  if (report.rejected.length > 0)
    throw new Error(`fixture rows rejected: ${JSON.stringify(report.rejected)}`);
  const pledge = (slug: string, initiative: 'tech-accord' | 'paris-call', versions: string[][]) =>
    pledgeVersions(services, slug, initiative, versions);
  await pledge('microsoft', 'tech-accord', [['stronger-defence'], ['stronger-defence', 'no-offence']]);
  await pledge('cisco', 'tech-accord', [['stronger-defence', 'capacity-building']]);
  await pledge('orange', 'paris-call', [['cyber-hygiene', 'protect-the-internet']]);
  await pledge('societe-generale', 'paris-call', [['cyber-hygiene']]);
  const microsoft = await Organisation.findBySlug('microsoft').lean();
  if (!microsoft) throw new Error('fixture organisation missing');
  const checkedAt = new Date(Date.UTC(2026, 9, 1));
  const result = { level: 'reject', details: {}, problems: [], status: 'verified', checkedAt };
  await services.recordChange(fixtureActor, 'evidence.added', async (tx) => {
    const evidence = {
      organisation: microsoft._id,
      kind: 'dmarc',
      subject: 'microsoft.com',
      status: 'verified',
      latestResult: result,
      checkedAt,
      history: [result],
    };
    await Evidence.create([evidence], { session: tx.session });
    await syncOrganisationDerivedFields(tx, microsoft._id);
    return {
      subject: { kind: 'evidence', id: 'microsoft.com' },
      organisation: microsoft._id,
      after: { kind: 'dmarc' },
      result: null,
    };
  });
}

async function pledgeVersions(
  services: Writers,
  slug: string,
  initiative: 'tech-accord' | 'paris-call',
  versions: string[][],
) {
  const organisation = await Organisation.findBySlug(slug).lean();
  if (!organisation) throw new Error(`fixture organisation ${slug} missing`);
  for (const commitments of versions) {
    await services.pledges.savePledge(fixtureActor, {
      organisation: organisation._id,
      initiative,
      commitments,
      statement: `We adopt ${commitments.length} commitments.`,
    });
  }
}

/** The profile links of a directory page, in order. */
export function resultSlugs(html: string): string[] {
  const list = /<ul class="directory-results">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<h3><a href="\/signatories\/([a-z0-9-]+)"/g)].map((match) => match[1] ?? '');
}
