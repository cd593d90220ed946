import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatTable } from './report-table';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function isCpuProfile(value: unknown): value is CpuProfile {
  return (
    typeof value === 'object' &&
    value !== null &&
    'nodes' in value &&
    Array.isArray(value.nodes) &&
    'samples' in value &&
    Array.isArray(value.samples) &&
    'timeDeltas' in value &&
    Array.isArray(value.timeDeltas)
  );
}

/** Where a frame's code lives: a package, a project folder, Node itself, or a V8 pseudo-frame. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node:internal';
  const packaged = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packaged?.[1]) return packaged[1];
  const project = /\/(src|scripts)\/(.+)$/.exec(url);
  if (project?.[1] && project[2]) return `${project[1]}/${path.dirname(project[2])}`;
  return url;
}

function isOwned(node: ProfileNode): boolean {
  return /node_modules|\/src\/|\/views\/|\/scripts\//.test(node.callFrame.url);
}

function nearestOwnedFrame(
  leafId: number,
  byId: Map<number, ProfileNode>,
  parentOf: Map<number, number>,
): ProfileNode | undefined {
  for (let id: number | undefined = leafId; id !== undefined; id = parentOf.get(id)) {
    const node = byId.get(id);
    if (node && isOwned(node)) return node;
  }
  return undefined;
}

/** Samples taken while the benchmark's own IPC handler stops the profiler and serialises the profile. */
function isProfilerAtWork(leafId: number, byId: Map<number, ProfileNode>, parentOf: Map<number, number>) {
  return nearestOwnedFrame(leafId, byId, parentOf)?.callFrame.url.includes('/scripts/bench/') ?? false;
}

function frameKey(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  // Line numbers of TypeScript files are those of tsx's output, so they would mislead.
  const line = url.endsWith('.ts') ? '' : `:${lineNumber + 1}`;
  const where = url ? `${url.replace(/^.*\/(node_modules|src|scripts)\//, '$1/')}${line}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
}

/** Self and inclusive time per function and self time per area, from a V8 .cpuprofile file. */
export function summariseCpuProfile(file: string, top = 15): string {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isCpuProfile(parsed)) throw new Error(`${file} is not a V8 CPU profile`);
  const byId = new Map(parsed.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of parsed.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  // For native and Node-internal leaves (stat, writev…), the nearest package or project frame that called them.
  const callers = new Map<string, number>();
  let totalMs = 0;
  parsed.samples.forEach((leafId, index) => {
    const ms = (parsed.timeDeltas[index] ?? 0) / 1000;
    const leaf = byId.get(leafId);
    if (!leaf || isProfilerAtWork(leafId, byId, parentOf)) return;
    totalMs += ms;
    const leafKey = frameKey(leaf);
    self.set(leafKey, (self.get(leafKey) ?? 0) + ms);
    const area = areaOf(leaf.callFrame.url, leaf.callFrame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = leafId; id !== undefined; id = parentOf.get(id)) {
      const node = byId.get(id);
      if (node) seen.add(frameKey(node));
    }
    for (const key of seen) inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    const caller = nearestOwnedFrame(leafId, byId, parentOf);
    if (caller && caller.id !== leafId) {
      const key = `${leafKey} <- ${frameKey(caller)}`;
      callers.set(key, (callers.get(key) ?? 0) + ms);
    }
  });
  const ranked = (map: Map<string, number>, skip: (key: string) => boolean) =>
    [...map.entries()]
      .filter(([key]) => !skip(key))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, ms]) => [`${((ms / totalMs) * 100).toFixed(1)}%`, key]);
  const keepAll = () => false;
  const wrappers = (key: string) => key.startsWith('(root)') || key.startsWith('(program)');
  const notOwned = (key: string) => !/ (src|views|scripts)\/|\.ejs/.test(key);
  return [
    `CPU profile ${path.basename(file)}: ${(totalMs / 1000).toFixed(1)} s sampled`,
    formatTable(['self', 'by area'], ranked(areas, keepAll)),
    formatTable(['self', 'function'], ranked(self, keepAll)),
    formatTable(['total', 'function (inclusive)'], ranked(inclusive, wrappers)),
    formatTable(['total', 'project function (inclusive)'], ranked(inclusive, notOwned)),
    formatTable(
      ['self', 'native or internal leaf <- nearest package or project caller'],
      ranked(callers, keepAll),
    ),
  ].join('\n\n');
}
