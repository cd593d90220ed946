// Jest test sequencer: the longest suites start first, so no worker sits idle while another finishes a
// long suite at the end. Jest orders by the durations of its previous run when it has them; a fresh
// clone (CI) has none, and Jest would fall back to file size, which says little about duration here.
import sequencer from '@jest/test-sequencer';

const TestSequencer = sequencer.default ?? sequencer;

/** Seconds each known-slow suite took on CI (2 cores), the first pattern that matches wins. */
const KNOWN_SECONDS = [
  [/test\/browser\/applicationAccessibility\.test\.ts$/, 125],
  [/test\/browser\/petitionAccessibility\.test\.ts$/, 105],
  [/test\/browser\/accessibility\.test\.ts$/, 80],
  [/test\/browser\/directory\.test\.ts$/, 78],
  [/test\/petitions\/concurrentSignatures\.test\.ts$/, 60],
  [/test\/security\/fuzz\.test\.ts$/, 60],
  [/test\/security\/accessMatrix\.test\.ts$/, 55],
  [/test\/browser\//, 45],
  [/test\/accounts\/usersCommand\.test\.ts$/, 40],
  [/test\/directory\/parisCall\.test\.ts$/, 35],
  [/test\/models\/seed\.test\.ts$/, 25],
  [/test\/security\/csrf\.test\.ts$/, 23],
  [/test\/(jobs\/twoWorkers|import\/parisCallImport|engine\/spec\/transactions-sessions)\.test\.ts$/, 20],
  [/test\/(accounts|applications|security|engine\/spec|engine\/durability)\//, 12],
];

/** Any other suite: a few seconds, more for a bigger file. */
const guessFromSize = (bytes) => 2 + bytes / 2_000;

class SlowSuitesFirst extends TestSequencer {
  time(test) {
    const measured = super.time(test);
    if (measured != null) return measured;
    const path = test.path.replace(/\\/g, '/');
    const known = KNOWN_SECONDS.find(([pattern]) => pattern.test(path));
    if (known) return known[1] * 1_000;
    return guessFromSize(test.context.hasteFS.getSize(test.path) ?? 0) * 1_000;
  }
}

export default SlowSuitesFirst;
