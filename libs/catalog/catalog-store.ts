import type { Catalog } from './catalog';

/**
 * The catalog in force. It changes while services run (a `catalog:push` to the cluster), so
 * services read `current` when they need it instead of keeping a copy.
 */
export class CatalogStore {
  private readonly listeners = new Set<(catalog: Catalog) => void>();

  constructor(private catalog: Catalog) {}

  get current(): Catalog {
    return this.catalog;
  }

  replace(next: Catalog): void {
    this.catalog = next;
    for (const listener of this.listeners) listener(next);
  }

  onChange(listener: (catalog: Catalog) => void): void {
    this.listeners.add(listener);
  }
}
