/**
 * Summary of a V8 .cpuprofile: the functions where the CPU was (self time) and the project functions
 * whose calls took it (inclusive time), as percentages of the busy (non-idle) samples.
 * Usage: npx tsx scripts/bench/db-profile-summary.ts FILE.cpuprofile [TOP]
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
}

function location(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName || '(anonymous)';
  if (!url) return name;
  const file = url.startsWith('file:') ? fileURLToPath(url) : url;
  const project = /(?:^|\/)((?:src|scripts)\/.*)$/.exec(file);
  const shown = file.includes('node_modules/')
    ? file.slice(file.lastIndexOf('node_modules/') + 'node_modules/'.length)
    : (project?.[1] ?? file);
  return `${name} ${shown}:${lineNumber + 1}`;
}

export function summariseProfile(profile: CpuProfile, top = 12): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  const root = profile.nodes[0];
  // Depth-first with the set of functions on the current stack, so recursion is counted once.
  const visit = (node: ProfileNode, onStack: Set<string>): number => {
    const key = location(node);
    const hits = node.callFrame.functionName === '(idle)' ? 0 : (node.hitCount ?? 0);
    busy += hits;
    self.set(key, (self.get(key) ?? 0) + hits);
    const entered = !onStack.has(key);
    if (entered) onStack.add(key);
    let total = hits;
    for (const childId of node.children ?? []) {
      const child = byId.get(childId);
      if (child) total += visit(child, onStack);
    }
    if (entered) {
      onStack.delete(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + total);
    }
    return total;
  };
  if (root) visit(root, new Set());
  const percent = (hits: number): string => `${((100 * hits) / Math.max(1, busy)).toFixed(1).padStart(5)}%`;
  const ranked = (counts: Map<string, number>, keep: (key: string) => boolean): string[] =>
    [...counts]
      .filter(([key]) => keep(key))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, hits]) => `    ${percent(hits)}  ${key}`);
  const isProject = (key: string): boolean => / (src|scripts)\//.test(key);
  return [
    `  self time (${busy} busy samples; project lines are lines of the compiled JavaScript):`,
    ...ranked(self, () => true),
    '  inclusive time, project functions:',
    ...ranked(inclusive, isProject),
  ].join('\n');
}

async function main(): Promise<void> {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error('usage: db-profile-summary.ts FILE.cpuprofile [TOP]');
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  console.log(summariseProfile(profile, Number(top) || 12));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
