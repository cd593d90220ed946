import type { Actor, Role } from '../../src/audit/actor';
import { policies } from '../../src/policies/policies';

const actor = (role: Role | null, organisationId: string | null = null, userId = 'u1'): Actor => ({
  kind: role ? 'user' : 'anonymous',
  userId: role ? userId : null,
  label: 'someone',
  role,
  organisationId,
  requestId: null,
  ip: null,
});

const anonymous = actor(null);
const memberOfA = actor('member', 'A');
const memberWithout = actor('member', null);
const secretariat = actor('secretariat');
const admin = actor('admin', null, 'admin-1');
const system: Actor = { ...anonymous, kind: 'system', label: 'system:test' };

describe('policies', () => {
  it.each([
    ['anonymous', anonymous, 'A', false],
    ['member of A', memberOfA, 'A', true],
    ['member of A', memberOfA, 'B', false],
    ['member without organisation', memberWithout, 'A', false],
    ['secretariat', secretariat, 'B', true],
    ['admin', admin, 'B', true],
    ['system', system, 'A', false],
  ])('canEditOrganisation: %s on %s → %s', (_name, who, organisation, expected) => {
    expect(policies.canEditOrganisation(who, { id: organisation })).toBe(expected);
  });

  it.each([
    ['anonymous', anonymous, false, false, false],
    ['member', memberOfA, false, false, false],
    ['secretariat', secretariat, true, true, true],
    ['admin', admin, true, true, true],
  ])('secretariat area, user management and two-factor: %s', (_name, who, secretariatArea, users, twoFactor) => {
    expect(policies.canUseSecretariat(who)).toBe(secretariatArea);
    expect(policies.canManageUsers(who)).toBe(users);
    expect(policies.mustUseTwoFactor(who)).toBe(twoFactor);
  });

  it.each([
    ['anonymous', anonymous, 'member', false],
    ['system', system, 'member', false],
    ['member', memberOfA, 'member', false],
    ['secretariat', secretariat, 'member', true],
    ['secretariat', secretariat, 'secretariat', false],
    ['secretariat', secretariat, 'admin', false],
    ['admin', admin, 'member', true],
    ['admin', admin, 'secretariat', true],
    ['admin', admin, 'admin', true],
  ] as const)('canGrantRole: %s gives %s → %s', (_name, who, role, expected) => {
    expect(policies.canGrantRole(who, role)).toBe(expected);
  });

  it.each([
    ['anonymous', anonymous, false],
    ['system', system, false],
    ['member', memberOfA, false],
    ['secretariat', secretariat, true],
    ['admin', admin, true],
  ])('canReadAuditLog: %s → %s', (_name, who, expected) => {
    expect(policies.canReadAuditLog(who)).toBe(expected);
  });

  it.each([
    ['member', memberOfA, 'u9', false],
    ['secretariat', secretariat, 'u9', false],
    ['admin on another user', admin, 'u9', true],
    ['admin on itself', admin, 'admin-1', false],
  ])('canChangeRole: %s', (_name, who, target, expected) => {
    expect(policies.canChangeRole(who, { id: target })).toBe(expected);
  });
});
