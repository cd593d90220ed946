import type { Server } from 'node:http';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

/** How often background work looks again while requests are being answered. */
const RECHECK_MS = 20;
/** Under constant traffic the work still takes one step this often, so it ends. */
const LONGEST_WAIT_MS = 1000;

/**
 * Lets background work at start (preparing the statistics) step aside for visitors: `whenIdle` resolves on
 * the next turn of the event loop once no request is being answered, so a visitor arriving just after start
 * is answered as fast as later ones, and the work never holds the event loop between two of its steps.
 */
export interface IdleGate {
  whenIdle(): Promise<void>;
  /** From now on `whenIdle` rejects with `StoppingError`, so background work ends at its next step. */
  stop(): void;
}

export class StoppingError extends Error {
  constructor() {
    super('the server is stopping');
  }
}

export function idleGate(server: Server): IdleGate {
  let answering = 0;
  let stopping = false;
  server.on('request', (_req, res) => {
    answering += 1;
    res.once('close', () => {
      answering -= 1;
    });
  });
  return {
    whenIdle: async () => {
      await nextTurn();
      const started = Date.now();
      while (answering > 0 && !stopping && Date.now() - started < LONGEST_WAIT_MS) await sleep(RECHECK_MS);
      if (stopping) throw new StoppingError();
    },
    stop: () => {
      stopping = true;
    },
  };
}
