import { COLL, OTHER, type ConformanceCase } from '../case';
import { named } from './build';

const cmd = (name: string): string => `reference/command/${name}`;

export const commandErrorCases: ConformanceCase[] = [
  {
    name: named('create', cmd('create'), 'an existing collection is NamespaceExists (48)'),
    docs: [{ _id: 1 }],
    run: { create: COLL },
    expect: { error: { code: 48, codeName: 'NamespaceExists' } },
  },
  {
    name: named('create', cmd('create'), 'creates an empty collection that listCollections then shows'),
    run: [{ create: COLL }, { listCollections: 1, filter: { name: COLL }, nameOnly: true }],
    expect: {
      replies: [
        { ok: 1 },
        {
          cursor: {
            id: 0,
            ns: 'conformance.$cmd.listCollections',
            firstBatch: [{ name: COLL, type: 'collection' }],
          },
          ok: 1,
        },
      ],
    },
  },
  {
    name: named('drop', cmd('drop'), 'removes the collection and its documents'),
    docs: [{ _id: 1 }],
    run: [{ drop: COLL }, { listCollections: 1, filter: { name: COLL }, nameOnly: true }],
    expect: {
      replies: [
        { nIndexesWas: 1, ns: `conformance.${COLL}`, ok: 1 },
        { cursor: { id: 0, ns: 'conformance.$cmd.listCollections', firstBatch: [] }, ok: 1 },
      ],
    },
  },
  {
    name: named('renameCollection', cmd('renameCollection'), 'moves the documents to the new name'),
    docs: [{ _id: 1, a: 1 }],
    run: [
      { renameCollection: `conformance.${COLL}`, to: `conformance.${OTHER}` },
      { find: OTHER, filter: {} },
      { find: COLL, filter: {} },
    ],
    expect: {
      replies: [
        { ok: 1 },
        { cursor: { firstBatch: [{ _id: 1, a: 1 }], id: 0, ns: `conformance.${OTHER}` }, ok: 1 },
        { cursor: { firstBatch: [], id: 0, ns: `conformance.${COLL}` }, ok: 1 },
      ],
    },
  },
  {
    name: named('renameCollection', cmd('renameCollection'), 'a missing source is NamespaceNotFound (26)'),
    run: { renameCollection: `conformance.${COLL}`, to: `conformance.${OTHER}` },
    expect: { error: { code: 26, codeName: 'NamespaceNotFound' } },
  },
  {
    name: named(
      'renameCollection',
      cmd('renameCollection'),
      'an existing target without dropTarget is NamespaceExists (48)',
    ),
    docs: [{ _id: 1 }],
    otherDocs: [{ _id: 2 }],
    run: { renameCollection: `conformance.${COLL}`, to: `conformance.${OTHER}` },
    expect: { error: { code: 48, codeName: 'NamespaceExists' } },
  },
  {
    name: named('renameCollection', cmd('renameCollection'), 'dropTarget: true replaces an existing target'),
    docs: [{ _id: 1 }],
    otherDocs: [{ _id: 2 }],
    run: [
      { renameCollection: `conformance.${COLL}`, to: `conformance.${OTHER}`, dropTarget: true },
      { find: OTHER, filter: {} },
    ],
    expect: {
      replies: [
        { ok: 1 },
        { cursor: { firstBatch: [{ _id: 1 }], id: 0, ns: `conformance.${OTHER}` }, ok: 1 },
      ],
    },
  },
  {
    name: named('database commands', 'reference/command', 'an unknown command is CommandNotFound (59)'),
    run: { noSuchCommand: 1 },
    expect: { error: { code: 59, codeName: 'CommandNotFound' } },
  },
  {
    name: named('ping', cmd('ping'), 'answers ok: 1'),
    run: { ping: 1 },
    expect: { reply: { ok: 1 } },
  },
  {
    name: named('find', cmd('find'), 'a missing collection gives an empty, exhausted cursor'),
    run: { find: COLL, filter: {} },
    expect: { reply: { cursor: { firstBatch: [], id: 0, ns: `conformance.${COLL}` }, ok: 1 } },
  },
  {
    name: named('insert', cmd('insert'), 'creates the collection implicitly'),
    run: [
      { insert: COLL, documents: [{ _id: 1 }] },
      { listCollections: 1, filter: { name: COLL }, nameOnly: true },
    ],
    expect: {
      replies: [
        { n: 1, ok: 1 },
        {
          cursor: {
            id: 0,
            ns: 'conformance.$cmd.listCollections',
            firstBatch: [{ name: COLL, type: 'collection' }],
          },
          ok: 1,
        },
      ],
    },
  },
  {
    name: named('find', cmd('find'), 'a filter that is not a document is an error'),
    run: { find: COLL, filter: 5 },
    expect: { error: { code: 14, codeName: 'TypeMismatch' } },
  },
  {
    name: named('drop', cmd('drop'), 'a missing collection succeeds (a no-op since MongoDB 7.0)'),
    run: { drop: COLL },
    expect: { replyContains: { ok: 1 } },
  },
];

/** Behaviour MongoDB documents that the engine does not have yet: run with test.failing. */
export const KNOWN_GAPS_COMMANDS: ConformanceCase[] = [];
