export { AuditEvent, type AuditEventRecord } from './auditEvent';
export { Evidence, type EvidenceRecord } from './evidence';
export { Initiative, type InitiativeRecord } from './initiative';
export { Organisation, type OrganisationRecord } from './organisation';
export { Pledge, type PledgeRecord } from './pledge';
export { summariseMemberships, syncOrganisationDerivedFields } from './derivedFields';
export { directoryFacets, type DirectoryFacets } from './directoryFacets';
export {
  DIRECTORY_SORTS,
  directoryFilter,
  directorySort,
  type DirectoryFilters,
  type DirectorySort,
} from './directoryQuery';
export { changeOrganisationStatus, type StatusChange } from './organisationStatus';
export { recordPledgeVersion, type PledgeChange } from './pledgeVersions';
export { bumpRegistryVersion, readRegistryVersion } from './registryVersion';
export { escapeRegExp, identityKeyOf, toSearchKey, toSlug } from './searchKey';
