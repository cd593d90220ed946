import { readRegistryVersion, type RegistryVersionToken } from '../../models/registryVersion';
import { buildSnapshots, loadDirectoryEntries, type DirectorySnapshot } from './snapshot';

export interface ReadModelOptions {
  /** How long a process trusts its copy before asking MongoDB whether the registry changed. */
  checkIntervalMs: number;
  /** Keep answering from the previous copy while a new one loads (servers), or wait for it (tests). */
  serveStaleWhileRebuilding: boolean;
  readVersion?: () => Promise<RegistryVersionToken>;
  loadEntries?: typeof loadDirectoryEntries;
}

/**
 * The directory's read model. Each app server keeps a compact in-memory copy of the organisations'
 * directory fields (the active ones, and all of them for the status filter) and answers filters, search,
 * sorting, pages, facets and counts from it. The copy is
 * loaded on first use and rebuilt when the registry version changes; servers share nothing but MongoDB,
 * so each checks that version (one lookup by _id and a document count) at most once per check interval.
 */
export class DirectoryReadModel {
  private snapshot: DirectorySnapshot | null = null;
  private buildCount = 0;
  private checkedAt = 0;
  private checking: Promise<DirectorySnapshot> | null = null;
  private rebuilding: Promise<DirectorySnapshot> | null = null;
  private readonly readVersion: () => Promise<RegistryVersionToken>;
  private readonly loadEntries: typeof loadDirectoryEntries;

  constructor(private readonly options: ReadModelOptions) {
    this.readVersion = options.readVersion ?? readRegistryVersion;
    this.loadEntries = options.loadEntries ?? loadDirectoryEntries;
  }

  /** How many copies this process has built: a request served from a warmed model leaves it unchanged. */
  get builds(): number {
    return this.buildCount;
  }

  /** Builds the copy ahead of the first request (at server start), so no visitor waits for it. */
  async warm(): Promise<void> {
    await this.current();
  }

  async current(): Promise<DirectorySnapshot> {
    if (this.snapshot && Date.now() - this.checkedAt < this.options.checkIntervalMs) return this.snapshot;
    this.checking ??= this.check().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async check(): Promise<DirectorySnapshot> {
    let version: RegistryVersionToken;
    try {
      version = await this.readVersion();
    } catch (error) {
      // With the database unreachable, a server that has a copy keeps answering from it and retries later.
      if (!this.snapshot || !this.options.serveStaleWhileRebuilding) throw error;
      this.checkedAt = Date.now();
      return this.snapshot;
    }
    this.checkedAt = Date.now();
    if (this.snapshot?.token === version.token) return this.snapshot;
    this.rebuilding ??= this.rebuild(version.token).finally(() => {
      this.rebuilding = null;
    });
    if (this.snapshot && this.options.serveStaleWhileRebuilding) {
      // A failed rebuild is retried at the next check, since the stored token still differs.
      this.rebuilding.catch(() => undefined);
      return this.snapshot;
    }
    return this.rebuilding;
  }

  private async rebuild(token: string): Promise<DirectorySnapshot> {
    // Labelled with the version read before loading: a write during the load triggers one more rebuild.
    // Last-Modified is when this process first saw the version: never earlier than the change itself.
    const entries = await this.loadEntries();
    this.snapshot = buildSnapshots(entries, token, new Date());
    this.buildCount += 1;
    return this.snapshot;
  }
}
