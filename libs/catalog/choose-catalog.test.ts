import type { CatalogEntry } from './catalog-entry';
import { chooseCatalog } from './choose-catalog';

const file = { path: 'config/catalog.yaml', hash: 'v2' };

const stored = (
  source: CatalogEntry['source'],
  path: string,
  files: Record<string, string>,
): CatalogEntry => ({
  yaml: 'providers: {}',
  source,
  path,
  fileHash: files[path] ?? 'x',
  at: '2026-12-03T10:00:00.000Z',
  files,
});

describe('chooseCatalog', () => {
  it.each([
    ['the file, when nothing is stored', file, undefined, 'file', 'no catalog stored yet'],
    [
      'the file, edited since it was applied',
      file,
      stored('file', 'config/catalog.yaml', { 'config/catalog.yaml': 'v1' }),
      'file',
      'file changed',
    ],
    [
      'the file, edited since it was pushed',
      file,
      stored('push', 'config/catalog.yaml', { 'config/catalog.yaml': 'v1' }),
      'file',
      'file changed',
    ],
    [
      'the file, edited since, over a push of another file',
      file,
      stored('push', 'experiment.yaml', { 'config/catalog.yaml': 'v1', 'experiment.yaml': 'e1' }),
      'file',
      'file changed',
    ],
    [
      'the file, from a path never applied before',
      file,
      stored('push', 'experiment.yaml', { 'experiment.yaml': 'e1' }),
      'file',
      'first start with this file',
    ],
    [
      'the stored one, applied from this same file',
      file,
      stored('file', 'config/catalog.yaml', { 'config/catalog.yaml': 'v2' }),
      'stored',
      'file unchanged',
    ],
    [
      'the stored one, a push of another file, while this one is unchanged',
      file,
      stored('push', 'experiment.yaml', { 'config/catalog.yaml': 'v2', 'experiment.yaml': 'e1' }),
      'stored',
      'file unchanged',
    ],
    [
      'the stored one, without a file',
      undefined,
      stored('push', 'config/catalog.yaml', { 'config/catalog.yaml': 'v1' }),
      'stored',
      'watch only',
    ],
  ])('takes %s', (_case, given, entry, use, why) => {
    expect(chooseCatalog(given, entry)).toMatchObject({ use, why });
  });

  it('waits, without a file, while nothing is stored', () => {
    expect(chooseCatalog(undefined, undefined)).toEqual({ use: 'wait' });
  });
});
