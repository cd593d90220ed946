import { systemClock, type Clock } from '../../clock';
import { readRegistryVersion, type RegistryVersionToken } from '../../models/registryVersion';
import { CHANGE_MARGIN_MS, MAX_CHANGED_SHARE, patchEntries, type PatchedEntries, type PatchLimits } from './changedEntries';
import { patchSnapshotsIndexes } from './patchIndexes';
import { buildSnapshots, loadDirectoryEntries, type DirectorySnapshot } from './snapshot';

/** The copy kept between a server's stop and the next start, entries and indexes (see savedEntries.ts). */
export interface SavedEntriesStore {
  read(token: string, changedAt: Date): Promise<DirectorySnapshot | null>;
  save(snapshot: DirectorySnapshot): Promise<void>;
}

export interface ReadModelOptions {
  /** How long a process trusts its copy before asking MongoDB whether the registry changed. */
  checkIntervalMs: number;
  /** Keep answering from the previous copy while a new one loads (servers), or wait for it (tests). */
  serveStaleWhileRebuilding: boolean;
  /**
   * Serving the previous copy, a rebuild of D ms is followed by a rest of min(restRatio × D, maxRestMs)
   * before the next one starts, so a burst of writes costs one rebuild, not one each (defaults 3 and 5 s).
   */
  restRatio?: number;
  maxRestMs?: number;
  clock?: Clock;
  readVersion?: () => Promise<RegistryVersionToken>;
  loadEntries?: typeof loadDirectoryEntries;
  /** The first copy comes from here when saved for the registry's current version (servers; not tests). */
  saved?: SavedEntriesStore;
  /** How a copy is patched with the organisations changed since it was loaded (see changedEntries.ts). */
  patch?: Partial<PatchLimits>;
  /** A copy is read whole again at least this often, whatever patches say (default 10 minutes). */
  fullLoadEveryMs?: number;
}

const REST_RATIO = 3;
const MAX_REST_MS = 5_000;
const FULL_LOAD_EVERY_MS = 600_000;

/**
 * The directory's read model. Each app server keeps a compact in-memory copy of the organisations'
 * directory fields (the active ones, and all of them for the status filter) and answers filters, search,
 * sorting, pages, facets and counts from it. The copy is
 * loaded on first use and rebuilt when the registry version changes; servers share nothing but MongoDB,
 * so each checks that version (the counters and a document count) at most once per check interval. A
 * rebuild reads only the organisations updated since the copy was loaded and patches its entries (reading
 * everything when a patch cannot be trusted), so every server converges on what a full load gives.
 * Under a stream of writes a server serving the previous copy rebuilds at most about a quarter of the time.
 */
export class DirectoryReadModel {
  private snapshot: DirectorySnapshot | null = null;
  private buildCount = 0;
  private patchCount = 0;
  /** Wall-clock times (the writers' `updatedAt` clock) of the version reads before the last load and full load. */
  private loadedAt = 0;
  private fullyLoadedAt = 0;
  private checkedAt = 0;
  private restUntil = 0;
  private checking: Promise<DirectorySnapshot> | null = null;
  private rebuilding: Promise<DirectorySnapshot> | null = null;
  private readonly readVersion: () => Promise<RegistryVersionToken>;
  private readonly loadEntries: typeof loadDirectoryEntries;
  private readonly clock: Clock;

  constructor(private readonly options: ReadModelOptions) {
    this.readVersion = options.readVersion ?? readRegistryVersion;
    this.loadEntries = options.loadEntries ?? loadDirectoryEntries;
    this.clock = options.clock ?? systemClock;
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  /** How many copies this process has built: a request served from a warmed model leaves it unchanged. */
  get builds(): number {
    return this.buildCount;
  }

  /** How many of those copies were patched with the changed organisations rather than read whole. */
  get patches(): number {
    return this.patchCount;
  }

  /** Builds the copy ahead of the first request (at server start), so no visitor waits for it. */
  async warm(): Promise<void> {
    await this.current();
  }

  /** Resolves once no rebuild is running (a failed one included). */
  async idle(): Promise<void> {
    await this.rebuilding?.catch(() => undefined);
  }

  async current(): Promise<DirectorySnapshot> {
    if (this.snapshot && this.now() - this.checkedAt < this.options.checkIntervalMs) return this.snapshot;
    this.checking ??= this.check().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async check(): Promise<DirectorySnapshot> {
    const startedAt = this.now();
    const readAt = Date.now();
    let version: RegistryVersionToken;
    try {
      version = await this.readVersion();
    } catch (error) {
      // With the database unreachable, a server that has a copy keeps answering from it and retries later.
      if (!this.snapshot || !this.options.serveStaleWhileRebuilding) throw error;
      this.checkedAt = this.now();
      return this.snapshot;
    }
    this.checkedAt = this.now();
    if (this.snapshot?.token === version.token) return this.snapshot;
    const serveStale = this.snapshot !== null && this.options.serveStaleWhileRebuilding;
    if (this.snapshot && serveStale && !this.rebuilding && this.checkedAt < this.restUntil) return this.snapshot;
    this.rebuilding ??= this.rebuild(version, readAt, startedAt).finally(() => {
      this.rebuilding = null;
    });
    if (this.snapshot && serveStale) {
      // A failed rebuild is retried at the next check, since the stored token still differs.
      this.rebuilding.catch(() => undefined);
      return this.snapshot;
    }
    return this.rebuilding;
  }

  /**
   * Leaves the copy for the next start (at shutdown, once nothing writes any more), brought up to the
   * registry's version first: the next start uses it only if the registry has not changed since, so a copy
   * left behind by a late write (a job stopping, a save during a rest) would be thrown away.
   */
  async save(): Promise<void> {
    if (!this.options.saved) return;
    this.checkedAt = Number.NEGATIVE_INFINITY;
    this.restUntil = 0;
    await this.current().catch(() => undefined);
    await this.idle();
    if (this.snapshot) await this.options.saved.save(this.snapshot);
  }

  /** The current entries patched with the changes, or null when they must be read whole. */
  private async patched(version: RegistryVersionToken, readAt: number): Promise<PatchedEntries | null> {
    if (!this.snapshot || readAt - this.fullyLoadedAt >= (this.options.fullLoadEveryMs ?? FULL_LOAD_EVERY_MS)) return null;
    const limits = { marginMs: CHANGE_MARGIN_MS, maxChangedShare: MAX_CHANGED_SHARE, ...this.options.patch };
    return patchEntries(this.snapshot.everyone.entries, this.loadedAt, version.organisations, this.loadEntries, limits);
  }

  private async rebuild(version: RegistryVersionToken, readAt: number, startedAt: number): Promise<DirectorySnapshot> {
    // Labelled with the version read before loading: a write during the load triggers one more rebuild.
    // Last-Modified is when this process first saw the version: never earlier than the change itself.
    const { token } = version;
    const patched = await this.patched(version, readAt);
    const saved = this.snapshot ? null : await this.options.saved?.read(token, this.clock.now()).catch(() => null);
    const previous = this.snapshot;
    this.snapshot =
      saved ??
      (patched && previous
        ? buildSnapshots(patched.entries, token, this.clock.now(), patchSnapshotsIndexes(previous, patched.entries, patched.changed))
        : buildSnapshots(await this.loadEntries(), token, this.clock.now()));
    this.loadedAt = readAt;
    if (patched) this.patchCount += 1;
    else this.fullyLoadedAt = readAt;
    this.buildCount += 1;
    const builtAt = this.now();
    const rest = Math.min(this.options.maxRestMs ?? MAX_REST_MS, (this.options.restRatio ?? REST_RATIO) * (builtAt - startedAt));
    this.restUntil = builtAt + rest;
    return this.snapshot;
  }
}
