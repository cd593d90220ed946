import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { serialize, type Document } from 'bson';
import { decodeBody, encodeDocumentFrame, encodeFrame, FrameKind } from './frame';
import { FrameReader } from './frame-reader';
import { errorCode } from './directory-lock';
import { fsyncDirectory } from './fsync';
import type { IndexSpec } from '../storage/types';
import { SnapshotFile, StoredBodies, type EncodedBodies } from './stored-bodies';
import type { CollectionImage } from './types';

export const SNAPSHOT_FILE_NAME = 'snapshot.bson';
const SNAPSHOT_FORMAT = 1;
const WRITE_CHUNK_BYTES = 1024 * 1024;

export interface LoadedSnapshot {
  seq: number;
  collections: CollectionImage[];
  /** The file the collections' documents are still read from; the engine closes it when it closes. */
  file?: SnapshotFile;
}

/**
 * Streams the collections into a temporary file, one frame per document, fsyncs it, then renames it
 * over the previous snapshot and fsyncs the directory: a crash leaves either the old or the new snapshot.
 */
export async function writeSnapshot(dir: string, seq: number, collections: CollectionImage[]): Promise<void> {
  const finalPath = path.join(dir, SNAPSHOT_FILE_NAME);
  const tempPath = `${finalPath}.tmp`;
  const handle = await open(tempPath, 'w');
  try {
    await writeFrames(handle, seq, collections);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(tempPath, { force: true });
    throw error;
  }
  await handle.close();
  await rename(tempPath, finalPath);
  await fsyncDirectory(finalPath);
}

async function writeFrames(handle: FileHandle, seq: number, collections: CollectionImage[]): Promise<void> {
  const out = new ChunkedWriter(handle);
  await out.add(encodeDocumentFrame(FrameKind.SnapshotHeader, { format: SNAPSHOT_FORMAT, seq }));
  let documents = 0;
  for (const collection of collections) {
    const { ns, options, indexes } = collection;
    await out.add(encodeDocumentFrame(FrameKind.Collection, { ns, options, indexes }));
    for (const body of bodiesOf(collection)) {
      await out.add(encodeFrame(FrameKind.Document, body));
      documents += 1;
    }
  }
  const end = { seq, collections: collections.length, documents };
  await out.add(encodeDocumentFrame(FrameKind.SnapshotEnd, end));
  await out.flush();
}

/** Bodies read back from a snapshot and never decoded are copied as they are, the others serialised. */
function* bodiesOf(collection: CollectionImage): Iterable<Uint8Array> {
  if (collection.encoded) {
    yield* collection.encoded;
    return;
  }
  for (const doc of collection.docs) yield serialize(doc);
}

/** Reads the snapshot, if any. A damaged snapshot is an error: it was only ever renamed in complete. */
export async function readSnapshot(dir: string): Promise<LoadedSnapshot> {
  const finalPath = path.join(dir, SNAPSHOT_FILE_NAME);
  await rm(`${finalPath}.tmp`, { force: true });
  let handle: FileHandle;
  try {
    handle = await open(finalPath, 'r');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { seq: 0, collections: [] };
    throw error;
  }
  const file = new SnapshotFile(finalPath, handle);
  try {
    const loaded = await readFrames(new FrameReader(handle, (await handle.stat()).size), file);
    return { ...loaded, file };
  } catch (error) {
    await file.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Snapshot ${finalPath} is damaged (${reason}); restore it from a backup`, {
      cause: error,
    });
  }
}

async function readFrames(reader: FrameReader, file: SnapshotFile): Promise<LoadedSnapshot> {
  const header = await nextDocument(reader, FrameKind.SnapshotHeader);
  if (header.format !== SNAPSHOT_FORMAT || typeof header.seq !== 'number') throw new Error('unknown header');
  const collections: CollectionImage[] = [];
  let current: LoadingCollection | undefined;
  const finish = () => {
    if (current) collections.push(loadedCollection(current, file));
    current = undefined;
  };
  for (;;) {
    // Records are checked here; document bodies are left in the file until their collection is used.
    const read = await reader.next(false);
    if (read.type !== 'frame') throw new Error(read.type === 'bad' ? read.problem : 'no end record');
    if (read.frame.kind === FrameKind.Document) {
      if (!current) throw new Error('document before any collection');
      current.start ??= read.frame.start;
      current.end = read.frame.end;
      current.count += 1;
      continue;
    }
    const body = decodeBody(read.frame.body);
    if (read.frame.kind === FrameKind.Collection) {
      finish();
      current = { record: body, start: undefined, end: 0, count: 0 };
    } else if (read.frame.kind === FrameKind.SnapshotEnd) {
      finish();
      const documents = collections.reduce((sum, collection) => sum + (collection.encoded?.length ?? 0), 0);
      if (
        body.seq !== header.seq ||
        body.collections !== collections.length ||
        body.documents !== documents
      ) {
        throw new Error('end record does not match the content');
      }
      return { seq: header.seq, collections };
    } else {
      throw new Error(`unexpected record kind ${read.frame.kind}`);
    }
  }
}

async function nextDocument(reader: FrameReader, kind: number): Promise<Document> {
  const read = await reader.next();
  if (read.type !== 'frame') throw new Error(read.type === 'bad' ? read.problem : 'empty file');
  if (read.frame.kind !== kind) throw new Error(`unexpected record kind ${read.frame.kind}`);
  return decodeBody(read.frame.body);
}

/** A collection record and where its document records lie, while the file is being read. */
interface LoadingCollection {
  record: Document;
  start: number | undefined;
  end: number;
  count: number;
}

/** A collection as read back: its documents stay BSON bodies in the file until someone iterates `docs`. */
function loadedCollection(
  { record, start, end, count }: LoadingCollection,
  file: SnapshotFile,
): CollectionImage {
  const { ns, options, indexes } = record;
  if (typeof ns !== 'string' || typeof options !== 'object' || options === null || !Array.isArray(indexes)) {
    throw new Error('malformed collection record');
  }
  const encoded: EncodedBodies = start === undefined ? [] : new StoredBodies(file, start, end, count);
  const docs = {
    *[Symbol.iterator]() {
      for (const bytes of encoded) yield decodeBody(bytes);
    },
  };
  return { ns, options: options as Document, indexes: indexes as IndexSpec[], docs, encoded };
}

/** Collects frames and writes them in chunks of about 1 MiB. */
class ChunkedWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(private readonly handle: FileHandle) {}

  async add(frame: Buffer): Promise<void> {
    this.pending.push(frame);
    this.pendingBytes += frame.length;
    if (this.pendingBytes >= WRITE_CHUNK_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    const bytes = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    let written = 0;
    while (written < bytes.length) written += (await this.handle.write(bytes, written)).bytesWritten;
  }
}
