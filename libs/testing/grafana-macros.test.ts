import { expandPostgresMacros, expandPromQlMacros } from './grafana-macros';

const range = {
  from: new Date('2026-12-03T10:00:00Z'),
  to: new Date('2026-12-03T11:00:00Z'),
  intervalMs: 60_000,
};

describe('expandPostgresMacros', () => {
  it('expands the time filter, the time group and the interval as Grafana does', () => {
    const sql =
      'SELECT $__timeGroupAlias(created_at, $__interval), count(*) * 60000.0 / $__interval_ms AS value ' +
      'FROM generations WHERE $__timeFilter(created_at) GROUP BY 1';
    expect(expandPostgresMacros(sql, range)).toBe(
      'SELECT floor(extract(epoch from created_at)/60)*60 AS "time", count(*) * 60000.0 / 60000 AS value ' +
        "FROM generations WHERE created_at BETWEEN '2026-12-03T10:00:00.000Z' AND '2026-12-03T11:00:00.000Z' GROUP BY 1",
    );
  });

  it('leaves SQL without macros as it is', () => {
    expect(expandPostgresMacros('SELECT 1', range)).toBe('SELECT 1');
  });
});

describe('expandPromQlMacros', () => {
  it('sets every $__rate_interval', () => {
    expect(expandPromQlMacros('rate(a[$__rate_interval]) / rate(b[$__rate_interval])', '30s')).toBe(
      'rate(a[30s]) / rate(b[30s])',
    );
  });
});
