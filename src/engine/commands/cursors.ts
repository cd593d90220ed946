import type { Document } from 'bson';
import { Long } from 'bson';
import { CommandError } from '../errors';
import { cursorIdOf } from '../sessions/cursors';
import { arrayArg, nonNegativeArg } from './args';
import type { CommandSpec } from './types';

export const getMore: CommandSpec = {
  access: 'none',
  run(call) {
    const id = cursorIdOf(call.body.getMore);
    if (id === undefined) throw new CommandError('TypeMismatch', "Field 'getMore' must be of type long");
    const collection = call.body.collection;
    if (typeof collection !== 'string')
      throw new CommandError('TypeMismatch', "Field 'collection' must be a string");
    const cursor = call.state.cursors.use(id);
    if (!cursor) throw new CommandError('CursorNotFound', `cursor id ${id} not found`);
    if (cursor.ns !== `${call.db}.${collection}`) {
      throw new CommandError(
        'Unauthorized',
        `Requested getMore on namespace '${call.db}.${collection}', but cursor belongs to a different namespace ${cursor.ns}`,
      );
    }
    const batchSize = nonNegativeArg(call.body, 'batchSize') || Number.MAX_SAFE_INTEGER;
    const nextBatch = cursor.source.take(batchSize);
    let replyId = Long.fromBigInt(id);
    if (cursor.source.exhausted) {
      call.state.cursors.kill(id);
      replyId = Long.ZERO;
    }
    return { cursor: { nextBatch, id: replyId, ns: cursor.ns }, ok: 1 };
  },
};

export const killCursors: CommandSpec = {
  access: 'none',
  run(call) {
    const cursorsKilled: Long[] = [];
    const cursorsNotFound: Long[] = [];
    for (const value of arrayArg(call.body, 'cursors')) {
      const id = cursorIdOf(value);
      if (id === undefined) continue;
      (call.state.cursors.kill(id) ? cursorsKilled : cursorsNotFound).push(Long.fromBigInt(id));
    }
    const reply: Document = { cursorsKilled, cursorsNotFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
    return reply;
  },
};
