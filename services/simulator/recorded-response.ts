import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isRecord } from './is-record';
import type { EventStream } from './protocol';
import type { ReplayTarget } from './scenario';

/**
 * Real provider responses recorded in test/fixtures/providers/<family>/ (see its README.md), served
 * by the `replay=` scenario: `<name>.json` answers a non-streaming request, `<name>.sse` (raw bytes) or
 * else `<name>.chunks.txt` (one event payload per line, framed by the protocol) a streaming one.
 */
export type Recording =
  { kind: 'json'; text: string } | { kind: 'sse'; text: string } | { kind: 'chunks'; lines: string[] };

/** `SWITCHYARD_FIXTURES`, else the repository's test/fixtures/providers (from the working directory). */
export function defaultFixturesDir(): string {
  return process.env.SWITCHYARD_FIXTURES || path.resolve(process.cwd(), 'test/fixtures/providers');
}

/** The recording, or a message naming what is missing and where it was looked for. */
export async function readRecording(
  fixturesDir: string,
  { family, name }: ReplayTarget,
  stream: boolean,
): Promise<Recording | { missing: string }> {
  const folder = path.join(fixturesDir, family);
  const file = (extension: string) => path.join(folder, `${name}${extension}`);
  if (!stream) {
    const text = await readIfExists(file('.json'));
    if (text !== undefined) return { kind: 'json', text };
    return { missing: `Unknown fixture replay=${family}/${name}: no ${name}.json in ${folder}` };
  }
  const raw = await readIfExists(file('.sse'));
  if (raw !== undefined) return { kind: 'sse', text: raw };
  const chunks = await readIfExists(file('.chunks.txt'));
  if (chunks !== undefined)
    return { kind: 'chunks', lines: chunks.split(/\r?\n/).filter((line) => line !== '') };
  return {
    missing: `Unknown fixture replay=${family}/${name}: no ${name}.sse or ${name}.chunks.txt in ${folder}`,
  };
}

/** Raw SSE bytes cut after each blank line, so every event can be paced; joined, they are the file. */
export function rawEventStream(text: string): EventStream {
  const events = text.match(/[\s\S]*?(?:\r\n\r\n|\n\n|\r\r)/g) ?? [];
  const rest = text.slice(events.reduce((length, event) => length + event.length, 0));
  return { opening: [], steps: rest === '' ? events : [...events, rest], closing: [] };
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw error;
  }
}

/** By its code, not `instanceof Error`: errors from node's fs may come from another realm (jest's VM). */
function isMissingFile(error: unknown): boolean {
  const code = isRecord(error) ? error.code : undefined;
  return code === 'ENOENT' || code === 'EISDIR';
}
