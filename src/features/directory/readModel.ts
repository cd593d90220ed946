import { readRegistryVersion, type RegistryVersionToken } from './registryVersion';
import { buildSnapshot, loadDirectoryEntries, type DirectorySnapshot } from './snapshot';

export interface ReadModelOptions {
  /** How long a process trusts its copy before asking MongoDB whether the registry changed. */
  checkIntervalMs: number;
  readVersion?: () => Promise<RegistryVersionToken>;
  loadEntries?: typeof loadDirectoryEntries;
}

/**
 * The directory's read model. Each app server keeps a compact in-memory copy of the active organisations'
 * directory fields and answers filters, search, sorting, pages, facets and counts from it. The copy is
 * loaded on first use and rebuilt when the registry version changes; servers share nothing but MongoDB,
 * so each checks that version (one lookup by _id and a document count) at most once per check interval.
 * While a rebuild runs, requests keep using the previous copy; only the very first load is awaited.
 */
export class DirectoryReadModel {
  private snapshot: DirectorySnapshot | null = null;
  private checkedAt = 0;
  private refreshing: Promise<DirectorySnapshot> | null = null;
  private readonly readVersion: () => Promise<RegistryVersionToken>;
  private readonly loadEntries: typeof loadDirectoryEntries;

  constructor(private readonly options: ReadModelOptions) {
    this.readVersion = options.readVersion ?? readRegistryVersion;
    this.loadEntries = options.loadEntries ?? loadDirectoryEntries;
  }

  async current(): Promise<DirectorySnapshot> {
    const now = Date.now();
    if (this.snapshot && now - this.checkedAt < this.options.checkIntervalMs) return this.snapshot;
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Forces the next request to check the registry version (for writes made in this process). */
  invalidate(): void {
    this.checkedAt = 0;
  }

  private async refresh(): Promise<DirectorySnapshot> {
    const version = await this.readVersion();
    this.checkedAt = Date.now();
    if (this.snapshot?.token === version.token) return this.snapshot;
    // Labelled with the version read before loading: a write during the load triggers one more rebuild.
    // Last-Modified is when this process first saw the version: never earlier than the change itself.
    const entries = await this.loadEntries();
    this.snapshot = buildSnapshot(entries, version.token, new Date());
    return this.snapshot;
  }
}
