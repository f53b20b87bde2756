import type { CatalogEntry } from './catalog-entry';
import { describeCatalog } from './describe-catalog';

const hash = 'ab12cd34ef56'.padEnd(64, '0');
const entry = (source: CatalogEntry['source'], path: string): CatalogEntry => ({
  yaml: '',
  source,
  path,
  fileHash: hash,
  at: '2026-12-03T10:00:00.000Z',
  files: { [path]: hash },
});
const file = { path: 'config/catalog.yaml', hash };

describe('describeCatalog', () => {
  it.each([
    [
      'a file this service applied',
      entry('file', 'config/catalog.yaml'),
      { use: 'file', why: 'file changed', file } as const,
      'catalog in force: revision 4, from config/catalog.yaml (sha256 ab12cd34ef56…, applied at start: file changed)',
    ],
    [
      'a file another service applied, unchanged here',
      entry('file', 'config/catalog.yaml'),
      { use: 'stored', why: 'file unchanged', entry: entry('file', 'config/catalog.yaml'), file } as const,
      'catalog in force: revision 4, from config/catalog.yaml (sha256 ab12cd34ef56…, applied at 2026-12-03T10:00:00.000Z); config/catalog.yaml unchanged since',
    ],
    [
      'a push kept over an unchanged file',
      entry('push', 'experiment.yaml'),
      { use: 'stored', why: 'file unchanged', entry: entry('push', 'experiment.yaml'), file } as const,
      'catalog in force: revision 4, pushed by catalog:push from experiment.yaml (sha256 ab12cd34ef56…) at 2026-12-03T10:00:00.000Z; config/catalog.yaml unchanged since',
    ],
    [
      'a push, in watch mode',
      entry('push', '/etc/switchyard/catalog.yaml'),
      { use: 'stored', why: 'watch only', entry: entry('push', '/etc/switchyard/catalog.yaml') } as const,
      'catalog in force: revision 4, pushed by catalog:push from /etc/switchyard/catalog.yaml (sha256 ab12cd34ef56…) at 2026-12-03T10:00:00.000Z; SWITCHYARD_CATALOG_MODE=watch, no file read',
    ],
    [
      'a push while running',
      entry('push', 'experiment.yaml'),
      undefined,
      'catalog in force: revision 4, pushed by catalog:push from experiment.yaml (sha256 ab12cd34ef56…) at 2026-12-03T10:00:00.000Z',
    ],
  ])('names %s', (_case, stored, atStart, line) => {
    expect(describeCatalog(4, stored, atStart)).toBe(line);
  });
});
