import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

jest.setTimeout(120_000);

/** The benchmark completes and writes its results: a smoke run, a second a point; no figure is judged. */
it('runs the side-by-side benchmark end to end', async () => {
  const output = join(mkdtempSync(join(tmpdir(), 'switchyard-bench-')), 'results.md');
  const { NODE_OPTIONS: _jestOnly, ...env } = process.env;
  await promisify(execFile)(process.execPath, ['dist/scripts/bench.js'], {
    env: {
      ...env,
      BENCH_RATES: '20,40',
      BENCH_SECONDS: '1',
      BENCH_WARMUP_SECONDS: '1',
      BENCH_OUTPUT: output,
    },
  });
  const results = readFileSync(output, 'utf8');
  for (const target of ['direct', 'switchyard', 'portkey'])
    expect(results).toMatch(new RegExp(`\\| 40 \\| ${target} \\|`));
  expect(results).toContain('## Throughput frontier');
  expect(results).toMatch(/\| switchyard \| \*\*all\*\* \|/);
});
