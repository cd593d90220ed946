import { executeFind } from '../query/execute';
import { mingoOptions } from '../query/mingo-context';
import { namespaceArg } from './args';
import { firstBatchReply } from './cursor-reply';
import { parseFindRequest } from './find-request';
import type { CommandSpec } from './types';

export const find: CommandSpec = {
  access: 'read',
  run(call, view) {
    const ns = namespaceArg(call);
    const request = parseFindRequest(call.body);
    const limit = request.limit ?? 0;
    // A limit no larger than the batch answers in one batch, as MongoDB does.
    const batchSize = limit > 0 ? Math.min(limit, request.batchSize ?? 101) : request.batchSize;
    const { results } = executeFind(
      view,
      ns,
      request,
      mingoOptions({ collation: request.collation, variables: request.variables }),
    );
    return firstBatchReply(call, ns, results, { batchSize, singleBatch: request.singleBatch });
  },
};
