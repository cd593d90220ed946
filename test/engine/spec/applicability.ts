import type { Document } from 'mongodb';

/** What the engine is, as runOnRequirements ask it: MongoDB 7.0 as a replica set, no auth, no CSFLE. */
const SERVER_VERSION = [7, 0, 0];
const TOPOLOGY = 'replicaset';

function compareVersions(a: number[], b: string): number {
  const other = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const diff = (a[i] ?? 0) - (other[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function unmet(requirement: Document): string | undefined {
  if (
    requirement.minServerVersion &&
    compareVersions(SERVER_VERSION, requirement.minServerVersion as string) < 0
  ) {
    return `needs server ${String(requirement.minServerVersion)}`;
  }
  if (
    requirement.maxServerVersion &&
    compareVersions(SERVER_VERSION, requirement.maxServerVersion as string) > 0
  ) {
    return `needs server ≤ ${String(requirement.maxServerVersion)}`;
  }
  const topologies = requirement.topologies as string[] | undefined;
  if (topologies && !topologies.includes(TOPOLOGY)) return `needs topology ${topologies.join('/')}`;
  if (requirement.serverless === 'require') return 'needs serverless';
  if (requirement.auth === true) return 'needs authentication';
  if (requirement.csfle === true) return 'needs CSFLE';
  return undefined;
}

/** Why a file's or test's runOnRequirements exclude this server, or undefined when one of them is met. */
export function notApplicable(requirements: Document[] | undefined): string | undefined {
  if (!requirements || requirements.length === 0) return undefined;
  const reasons = requirements.map(unmet);
  return reasons.includes(undefined) ? undefined : reasons.join('; ');
}
