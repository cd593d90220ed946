import { readFileSync } from 'node:fs';
import path from 'node:path';
import { areaOf } from './cpu-profile-summary';
import { formatTable } from './report-table';

interface HeapNode {
  callFrame: { functionName: string; url: string };
  selfSize: number;
  children: HeapNode[];
}

function isHeapProfile(value: unknown): value is { head: HeapNode } {
  return typeof value === 'object' && value !== null && 'head' in value;
}

const isOwned = (url: string): boolean => /node_modules|\/src\/|\/views\/|\/scripts\//.test(url);

function label(frame: HeapNode['callFrame']): string {
  const where = frame.url.replace(/^.*\/(node_modules|src|scripts|views)\//, '$1/');
  return `${frame.functionName || '(anonymous)'} ${where}`.trim();
}

/**
 * Bytes allocated per request by area and by allocating function (garbage included), from a V8 sampling
 * heap profile; allocations inside Node or V8 are charged to the nearest package or project caller.
 */
export function summariseHeapProfile(file: string, requests: number, top = 12): string {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isHeapProfile(parsed)) throw new Error(`${file} is not a V8 sampling heap profile`);
  const byArea = new Map<string, number>();
  const byCaller = new Map<string, number>();
  let total = 0;
  const visit = (node: HeapNode, owner: HeapNode['callFrame'] | null): void => {
    const owned = isOwned(node.callFrame.url) ? node.callFrame : owner;
    if (node.selfSize > 0) {
      total += node.selfSize;
      const area = owned ? areaOf(owned.url, owned.functionName) : '(node or V8)';
      byArea.set(area, (byArea.get(area) ?? 0) + node.selfSize);
      const caller = owned ? label(owned) : label(node.callFrame);
      byCaller.set(caller, (byCaller.get(caller) ?? 0) + node.selfSize);
    }
    for (const child of node.children) visit(child, owned);
  };
  visit(parsed.head, null);
  const perRequest = (bytes: number) => `${(bytes / Math.max(requests, 1) / 1024).toFixed(1)} KiB`;
  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, bytes]) => [perRequest(bytes), key]);
  return [
    `Allocation profile ${path.basename(file)}: ${perRequest(total)} allocated per request`,
    formatTable(['per req', 'allocated by area (nearest package or project frame)'], ranked(byArea)),
    formatTable(['per req', 'allocated by function (nearest package or project frame)'], ranked(byCaller)),
  ].join('\n\n');
}
