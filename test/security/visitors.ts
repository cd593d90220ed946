import { Types } from 'mongoose';
import { Application } from '../../src/models/application';
import { User } from '../../src/models/user';
import { DIGITAL_PEACE_NOW, ensureSeedPetitions } from '../../src/seed/petitions';
import type { Agent, TestApp } from '../helpers/app';
import { makeOrganisation, makeUser } from '../helpers/factories';
import { signIn } from '../helpers/signIn';
import { makeStaffUser, signInStaff } from '../helpers/staff';
import type { Visitor } from './accessRules';

/** The data the matrix's paths point at: organisation A (the members' own) and B, an application to review. */
export interface Fixtures {
  organisationA: { slug: string; id: string };
  organisationB: { slug: string; id: string };
  applicationId: string;
  /** A petition (Digital Peace Now, as the seed creates it). */
  petitionSlug: string;
}

type SignInStep = (agent: Agent) => Promise<void>;

export interface Visitors {
  fixtures: Fixtures;
  /** A new agent signed in as the visitor (anonymous: a fresh cookie jar). */
  signInAfresh(visitor: Visitor): Promise<Agent>;
  agents: Record<Visitor, Agent>;
}

async function makePetition(testApp: TestApp): Promise<string> {
  await ensureSeedPetitions(testApp.services.recordChange);
  return DIGITAL_PEACE_NOW.slug;
}

async function makeApplication(): Promise<string> {
  const application = await Application.create({
    state: 'submitted',
    name: 'Matrix Applicant',
    identityKey: `matrix applicant|FR|${new Types.ObjectId().toHexString()}`,
    country: 'FR',
    category: 'private-sector',
    sector: 'company',
    website: 'https://applicant.example',
    domain: 'applicant.example',
    pledges: [{ initiative: 'tech-accord', commitments: ['tech-accord:stronger-defence'] }],
    contact: { name: 'Ada', email: 'ada@applicant.example', role: 'CISO', language: 'en' },
    consentedAt: new Date(),
    submittedAt: new Date(),
  });
  return String(application._id);
}

/** One user per kind of visitor, each signed in through the real pages, and the fixtures they point at. */
export async function makeVisitors(testApp: TestApp): Promise<Visitors> {
  const a = await makeOrganisation();
  const b = await makeOrganisation();
  const memberOfA = await makeUser({ organisation: a });
  const memberOfB = await makeUser({ organisation: b });
  const disabled = await makeUser({ organisation: a });
  const withoutTwoFactor = await makeUser({ role: 'secretariat' });
  const secretariat = await makeStaffUser('secretariat');
  const admin = await makeStaffUser('admin');

  const steps: Record<Visitor, SignInStep> = {
    anonymous: async () => undefined,
    memberOfA: async (agent) => void (await signIn(agent, memberOfA.email)),
    memberOfB: async (agent) => void (await signIn(agent, memberOfB.email)),
    // Signed in while enabled, then disabled: the session outlives the account, the access must not.
    disabledMember: async (agent) => {
      await User.updateOne({ _id: disabled._id }, { $set: { disabled: false } });
      await signIn(agent, disabled.email);
      await User.updateOne({ _id: disabled._id }, { $set: { disabled: true } });
    },
    secretariatWithoutTwoFactor: async (agent) => void (await signIn(agent, withoutTwoFactor.email)),
    secretariat: (agent) => signInStaff(agent, secretariat),
    admin: (agent) => signInStaff(agent, admin),
  };
  const signInAfresh = async (visitor: Visitor) => {
    const agent = testApp.agent();
    await steps[visitor](agent);
    return agent;
  };
  const agents = {} as Record<Visitor, Agent>;
  for (const visitor of Object.keys(steps) as Visitor[]) agents[visitor] = await signInAfresh(visitor);
  return {
    fixtures: {
      organisationA: { slug: String(a.slug), id: String(a._id) },
      organisationB: { slug: String(b.slug), id: String(b._id) },
      applicationId: await makeApplication(),
      petitionSlug: await makePetition(testApp),
    },
    signInAfresh,
    agents,
  };
}

/** Pages with a form, so a CSRF token can be read, that each visitor can open. */
export const TOKEN_PAGE: Record<Visitor, string> = {
  anonymous: '/account/sign-in',
  memberOfA: '/account/security',
  memberOfB: '/account/security',
  disabledMember: '/account/sign-in',
  secretariatWithoutTwoFactor: '/account/two-factor',
  secretariat: '/account/security',
  admin: '/account/security',
};
