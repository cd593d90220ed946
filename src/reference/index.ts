export { CATEGORIES, isCategory, type Category } from './categories';
export {
  EVIDENCE_KINDS,
  EVIDENCE_LEVELS,
  EVIDENCE_STATUSES,
  evidenceLevelOf,
  type EvidenceKind,
  type EvidenceLevel,
  type EvidenceStatus,
} from './evidenceLevels';
export {
  INITIATIVES,
  INITIATIVE_SLUGS,
  commitmentKey,
  findInitiative,
  isInitiativeSlug,
  type CommitmentDefinition,
  type InitiativeDefinition,
  type InitiativeSlug,
  type LocalisedText,
} from './initiatives';
export { loadReferenceData, type ReferenceLoadReport } from './loadReferenceData';
export { SECTORS, isSector, type Sector } from './sectors';
export * from './statuses';
