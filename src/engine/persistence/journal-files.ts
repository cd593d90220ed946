import { open, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { decodeBody, FrameKind } from './frame';
import { FrameReader, type Frame } from './frame-reader';
import { readOps } from './journal-codec';
import type { JournalEntry, JournalOp } from './types';

/** Journal files are numbered; a checkpoint starts the next number, recovery reads them in order. */
const JOURNAL_NAME = /^journal-(\d{8})\.log$/;

export function journalFileName(generation: number): string {
  return `journal-${String(generation).padStart(8, '0')}.log`;
}

export interface JournalFile {
  generation: number;
  path: string;
  /** Highest seq stored in the file, 0 when it holds none. */
  lastSeq: number;
  bytes: number;
}

export interface JournalScan {
  files: JournalFile[];
  entries: JournalEntry[];
  truncatedBytes: number;
  problem?: string;
}

export async function listJournalGenerations(dir: string): Promise<number[]> {
  const names = await readdir(dir);
  return names
    .map((name) => JOURNAL_NAME.exec(name)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * Reads every journal in order and keeps the valid prefix: at the first torn or corrupt record the file
 * is truncated there and later journal files are deleted, so nothing after a bad record is ever applied.
 */
export async function scanJournals(dir: string, afterSeq: number): Promise<JournalScan> {
  const scan: JournalScan = { files: [], entries: [], truncatedBytes: 0 };
  let lastSeq = 0;
  for (const generation of await listJournalGenerations(dir)) {
    const filePath = path.join(dir, journalFileName(generation));
    if (scan.problem !== undefined) {
      scan.truncatedBytes += (await stat(filePath)).size;
      await unlink(filePath);
      continue;
    }
    const result = await readJournalFile(filePath, lastSeq);
    for (const entry of result.entries) if (entry.seq > afterSeq) scan.entries.push(entry);
    const fileLastSeq = result.entries.at(-1)?.seq ?? 0;
    lastSeq = Math.max(lastSeq, fileLastSeq);
    if (result.problem !== undefined) {
      scan.problem = `${path.basename(filePath)}: ${result.problem}`;
      scan.truncatedBytes += result.fileBytes - result.validBytes;
      await truncateDurably(filePath, result.validBytes);
    }
    scan.files.push({ generation, path: filePath, lastSeq: fileLastSeq, bytes: result.validBytes });
  }
  return scan;
}

interface FileScan {
  entries: JournalEntry[];
  validBytes: number;
  fileBytes: number;
  problem?: string;
}

async function readJournalFile(filePath: string, previousSeq: number): Promise<FileScan> {
  const handle = await open(filePath, 'r');
  try {
    const fileBytes = (await handle.stat()).size;
    const reader = new FrameReader(handle, fileBytes);
    const scan: FileScan = { entries: [], validBytes: 0, fileBytes };
    let lastSeq = previousSeq;
    for (;;) {
      const read = await reader.next();
      if (read.type === 'end') return scan;
      if (read.type === 'bad') return { ...scan, problem: read.problem };
      const decoded = await decodeEntry(read.frame, reader);
      if (decoded.type === 'bad') return { ...scan, problem: decoded.problem };
      if (decoded.entry.seq <= lastSeq) {
        return {
          ...scan,
          problem: `seq ${decoded.entry.seq} after ${lastSeq} at offset ${read.frame.start}`,
        };
      }
      lastSeq = decoded.entry.seq;
      scan.entries.push(decoded.entry);
      scan.validBytes = decoded.end;
    }
  } finally {
    await handle.close();
  }
}

type DecodedEntry = { type: 'entry'; entry: JournalEntry; end: number } | { type: 'bad'; problem: string };

async function decodeEntry(frame: Frame, reader: FrameReader): Promise<DecodedEntry> {
  const bad = (what: string): DecodedEntry => ({ type: 'bad', problem: `${what} at offset ${frame.start}` });
  try {
    const head = decodeBody(frame.body);
    if (typeof head.seq !== 'number' || !Number.isSafeInteger(head.seq))
      return bad('record without a valid seq');
    if (frame.kind === FrameKind.Entry) {
      const ops = readOps(head.ops);
      return ops ? { type: 'entry', entry: { seq: head.seq, ops }, end: frame.end } : bad('malformed ops');
    }
    if (frame.kind !== FrameKind.EntryStart || typeof head.parts !== 'number')
      return bad('unexpected record');
    const ops: JournalOp[] = [];
    let end = frame.end;
    for (let part = 0; part < head.parts; part += 1) {
      const read = await reader.next();
      if (read.type !== 'frame' || read.frame.kind !== FrameKind.EntryPart)
        return bad('incomplete large entry');
      const partOps = readOps(decodeBody(read.frame.body).ops);
      if (!partOps) return bad('malformed ops in large entry');
      ops.push(...partOps);
      end = read.frame.end;
    }
    return { type: 'entry', entry: { seq: head.seq, ops }, end };
  } catch (error) {
    return bad(`undecodable record (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function truncateDurably(filePath: string, length: number): Promise<void> {
  const handle = await open(filePath, 'r+');
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
