import { StringDecoder } from 'node:string_decoder';

const RAW_LIMIT_BYTES = 4096;

/**
 * An upstream body as it may travel in error metadata: whole when small, otherwise its first 4 KiB.
 * The decoder drops a character cut in half rather than emit a replacement character.
 */
export function truncateRaw(text: string, limitBytes = RAW_LIMIT_BYTES): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limitBytes) return text;
  return new StringDecoder('utf8').write(bytes.subarray(0, limitBytes));
}
