import {
  catalogEntry,
  catalogPathOf,
  decodeCatalogEntry,
  encodeCatalogEntry,
  rememberFile,
} from './catalog-entry';

describe('catalogPathOf', () => {
  it.each([
    ['config/catalog.yaml', 'config/catalog.yaml'],
    ['./config/catalog.yaml', 'config/catalog.yaml'],
    ['/app/config/catalog.yaml', 'config/catalog.yaml'],
    ['/etc/switchyard/catalog.yaml', '/etc/switchyard/catalog.yaml'],
    ['../other/catalog.yaml', '/other/catalog.yaml'],
    ['..catalog.yaml', '..catalog.yaml'],
  ])('names %s as %s, from /app', (file, name) => {
    expect(catalogPathOf(file, '/app')).toBe(name);
  });
});

describe('rememberFile', () => {
  it('keeps the other paths, and puts the latest last', () => {
    expect(Object.entries(rememberFile({ a: '1', b: '2' }, 'a', '3'))).toEqual([
      ['b', '2'],
      ['a', '3'],
    ]);
  });

  it('forgets the oldest paths beyond 32', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, 'h']));
    const kept = Object.keys(rememberFile(many, 'new', 'h'));
    expect(kept).toHaveLength(32);
    expect(kept[0]).toBe('f9');
    expect(kept.at(-1)).toBe('new');
  });
});

describe('stored entries', () => {
  const file = { path: 'config/catalog.yaml', text: 'providers: {}', hash: 'h2' };
  const at = new Date('2026-12-03T10:00:00Z');

  it('carry what was remembered of other files forward', () => {
    const previous = catalogEntry('push', { path: 'x.yaml', text: '', hash: 'hx' }, undefined, at);
    expect(catalogEntry('file', file, previous, at)).toEqual({
      yaml: 'providers: {}',
      source: 'file',
      path: 'config/catalog.yaml',
      fileHash: 'h2',
      at: '2026-12-03T10:00:00.000Z',
      files: { 'x.yaml': 'hx', 'config/catalog.yaml': 'h2' },
    });
  });

  it('read back as written; anything else (a bare YAML of an earlier version) is no entry', () => {
    const entry = catalogEntry('file', file, undefined, at);
    expect(decodeCatalogEntry(encodeCatalogEntry(entry))).toEqual(entry);
    expect(decodeCatalogEntry('providers:\n  sim: {}\n')).toBeUndefined();
    expect(decodeCatalogEntry('{"providers":{}}')).toBeUndefined();
  });
});
