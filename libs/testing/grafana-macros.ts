/** The time range and interval a dashboard is looked at with. */
export interface PanelRange {
  from: Date;
  to: Date;
  intervalMs: number;
}

/**
 * A panel's SQL as Grafana's PostgreSQL data source sends it, its macros expanded the way Grafana
 * documents them (https://grafana.com/docs/grafana/latest/datasources/postgres/query-editor/#macros),
 * so a test can run the dashboard's own query against the real database.
 */
export function expandPostgresMacros(sql: string, range: PanelRange): string {
  const seconds = range.intervalMs / 1000;
  return sql
    .replace(
      /\$__timeGroupAlias\(\s*([\w.]+)\s*,\s*\$__interval\s*\)/g,
      (_, column: string) => `floor(extract(epoch from ${column})/${seconds})*${seconds} AS "time"`,
    )
    .replace(
      /\$__timeFilter\(\s*([\w.]+)\s*\)/g,
      (_, column: string) =>
        `${column} BETWEEN '${range.from.toISOString()}' AND '${range.to.toISOString()}'`,
    )
    .replaceAll('$__interval_ms', String(range.intervalMs))
    .replaceAll('$__interval', `${seconds}s`);
}

/** A panel's PromQL with Grafana's `$__rate_interval` set (at least four scrape intervals, as Grafana's is). */
export const expandPromQlMacros = (expr: string, rateInterval: string): string =>
  expr.replaceAll('$__rate_interval', rateInterval);
