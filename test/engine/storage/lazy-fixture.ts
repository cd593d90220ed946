import { serialize, type Document } from 'bson';
import { openDirectoryPersistence } from '../../../src/engine/persistence/directory';
import { writeSnapshot } from '../../../src/engine/persistence/snapshot';
import type { CollectionImage } from '../../../src/engine/persistence/types';
import type { Storage } from '../../../src/engine/storage/api';
import { openStorage } from '../../../src/engine/storage/open';

const HOUR = 3_600_000;
const padding = 'p'.repeat(120);

/** Collections with unique, multikey, descending and TTL indexes, and one large document. */
export function fixtureImages(now: number): CollectionImage[] {
  // Stored out of _id and slug order, so both the document tree and the index builds must sort.
  const orgs = [5, 2, 8, 1, 9, 3, 7, 4, 6, 12, 10, 11].map((n) => ({
    _id: n,
    slug: `org-${(n * 7) % 13}`,
    n: (n * 5) % 13,
    tags: n % 2 === 0 ? ['even', `t${n}`] : ['odd'],
    padding,
  }));
  const sessions = [
    { _id: 's-old', expires: new Date(now - HOUR) },
    { _id: 's-array', expires: [new Date(now + HOUR), new Date(now - HOUR)] },
    { _id: 's-new', expires: new Date(now + HOUR) },
    { _id: 's-none' },
  ];
  const entries = Array.from({ length: 5000 }, (_, index) => ({ slug: `entry-${index}`, rank: index }));
  return [
    {
      ns: 'app.orgs',
      options: {},
      indexes: [
        { name: '_id_', key: { _id: 1 } },
        { name: 'slug_1', key: { slug: 1 }, unique: true },
        { name: 'tags_1', key: { tags: 1 } },
        { name: 'n_-1', key: { n: -1 } },
      ],
      docs: orgs,
    },
    {
      ns: 'app.sessions',
      options: {},
      indexes: [{ name: 'expires_1', key: { expires: 1 }, expireAfterSeconds: 0 }],
      docs: sessions,
    },
    { ns: 'app.saved', options: {}, indexes: [], docs: [{ _id: 'directory', entries }] },
  ];
}

/** A BSON body whose length is right (so its record's checksum holds) but whose element type is unknown. */
export function damagedBody(): Buffer {
  const body = Buffer.from([0, 0, 0, 0, 0x99, 0x61, 0, 0]);
  body.writeInt32LE(body.length, 0);
  return body;
}

/** The fixture plus `app.broken`, whose second document cannot be decoded. */
export function imagesWithDamage(now: number): CollectionImage[] {
  const intact = serialize({ _id: 1, fine: true });
  return [
    ...fixtureImages(now),
    { ns: 'app.broken', options: {}, indexes: [], docs: [], encoded: [intact, damagedBody()] },
  ];
}

/** A data directory holding only a snapshot of `images`, as the engine writes one at a checkpoint. */
export async function writeSnapshotDir(dir: string, images: CollectionImage[]): Promise<void> {
  await writeSnapshot(dir, 7, images);
}

export async function openDir(dir: string, checkpointBytes?: number): Promise<Storage> {
  return openStorage({ persistence: await openDirectoryPersistence(dir), checkpointBytes });
}

/** The same collections built in memory by ordinary writes: what a lazily opened directory must equal. */
export async function eagerStorage(images: CollectionImage[]): Promise<Storage> {
  const storage = await openStorage({});
  const txn = storage.begin();
  for (const image of images) {
    txn.createCollection(image.ns, image.options);
    const specs = image.indexes.filter((spec) => spec.name !== '_id_');
    if (specs.length > 0) txn.createIndexes(image.ns, specs);
    for (const doc of image.docs) txn.insert(image.ns, doc as Document);
  }
  await txn.commit();
  return storage;
}
