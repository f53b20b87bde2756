import { Client } from 'pg';
import { eventually } from './eventually';
import type { TestStack } from './test-stack';

/**
 * How many generation records each of `ids` has in the stack's database, once every one of them
 * has at least one (polled until `timeoutMs`): a test of "recorded exactly once" reads all 1s.
 */
export async function recordsPerGeneration(
  stack: TestStack,
  ids: string[],
  timeoutMs = 20_000,
): Promise<number[]> {
  const pg = new Client({ connectionString: stack.databaseUrl });
  await pg.connect();
  try {
    const rows = await eventually(
      'a record of every generation',
      async () => {
        const { rows } = await pg.query<{ n: string }>(
          'SELECT count(*) AS n FROM generations WHERE id = ANY($1) GROUP BY id',
          [ids],
        );
        return rows.length === new Set(ids).size ? rows : undefined;
      },
      timeoutMs,
    );
    return rows.map((row) => Number(row.n));
  } finally {
    await pg.end();
  }
}
