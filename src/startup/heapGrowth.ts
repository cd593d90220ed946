import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what the last full collection kept, in percent. Left to itself V8 lets
 * a busy server's heap grow to three or four times its live size before collecting (the soak: a live heap of
 * ~170 MiB, a used heap climbing to ~600 MiB, then one collection), so its resident memory swings by
 * hundreds of megabytes. At 200 % (three times the live size) the soak's resident memory grew 2.3 % over its
 * second half (V8's default: 6–11 %). 100 % held it flatter but collected so often under load that a busy
 * list page's p99 passed twice the plain route's (`npm run bench:directory`), so 200 is the balance
 * (`npm run bench:soak -- --node-flags=--heap-growing-percent=N` compares values).
 */
export const HEAP_GROWING_PERCENT = 200;

/** Applied at start, before the data is loaded; a flag given on the command line wins. */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv): void {
  if (execArgv.some((argument) => argument.startsWith('--heap-growing-percent'))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
