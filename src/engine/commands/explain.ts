import type { Document } from 'bson';
import { CommandError } from '../errors';
import { executeFind, type FindRequest } from '../query/execute';
import { mingoOptions } from '../query/mingo-context';
import { isPlainObject } from '../query/paths';
import type { ReadView } from '../storage/api';
import type { PlanInfo } from '../storage/types';
import { SERVER_VERSION } from './handshake';
import { documentArg } from './args';
import { parseFindRequest } from './find-request';
import type { CommandSpec } from './types';

/** Which query an explained command runs: find, count, distinct or an aggregate's leading $match. */
function explainedQuery(inner: Document): { collection: string; request: FindRequest } {
  const name = Object.keys(inner)[0];
  const collection = inner[name];
  if (typeof collection !== 'string')
    throw new CommandError('InvalidNamespace', 'explained command must name a collection');
  switch (name) {
    case 'find':
      return { collection, request: parseFindRequest(inner) };
    case 'count':
    case 'distinct':
      return { collection, request: { filter: documentArg(inner, 'query') } };
    case 'aggregate': {
      const first = Array.isArray(inner.pipeline) ? (inner.pipeline[0] as unknown) : undefined;
      const filter = isPlainObject(first) && isPlainObject(first.$match) ? first.$match : {};
      return { collection, request: { filter } };
    }
    case 'update':
    case 'delete':
    case 'findAndModify':
      return { collection, request: { filter: documentArg(inner, 'query') ?? {} } };
    default:
      throw new CommandError('CommandNotFound', `Explain failed due to unknown command: ${name}`);
  }
}

function winningPlan(plan: PlanInfo): Document {
  if (plan.stage === 'COLLSCAN') return { stage: 'COLLSCAN', direction: 'forward' };
  return { stage: plan.stage, indexName: plan.indexName ?? '_id_', direction: 'forward' };
}

function explainReply(view: ReadView, db: string, inner: Document, verbosity: string): Document {
  const { collection, request } = explainedQuery(inner);
  const ns = `${db}.${collection}`;
  const execution = executeFind(view, ns, request, mingoOptions());
  let nReturned = 0;
  if (verbosity !== 'queryPlanner') while (!execution.results.next().done) nReturned++;
  const reply: Document = {
    explainVersion: '1',
    queryPlanner: {
      namespace: ns,
      parsedQuery: request.filter ?? {},
      winningPlan: winningPlan(execution.plan),
      rejectedPlans: [],
    },
  };
  if (verbosity !== 'queryPlanner') {
    reply.executionStats = {
      executionSuccess: true,
      nReturned,
      totalKeysExamined: execution.plan.keysExamined,
      totalDocsExamined: execution.plan.docsExamined,
    };
  }
  reply.command = inner;
  reply.serverInfo = { host: 'localhost', version: SERVER_VERSION };
  reply.ok = 1;
  return reply;
}

export const explain: CommandSpec = {
  access: 'read',
  run(call, view) {
    const inner = call.body.explain;
    if (!isPlainObject(inner)) throw new CommandError('TypeMismatch', 'explain must be an object');
    const verbosity = typeof call.body.verbosity === 'string' ? call.body.verbosity : 'allPlansExecution';
    return explainReply(view, call.db, inner, verbosity);
  },
};
