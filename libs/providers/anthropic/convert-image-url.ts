import { errors } from '../../contracts';

export interface ImageBlock {
  type: 'image';
  source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };
}

const DATA_URL = /^data:([^;,]+)(?:;[^;,]*)*;base64,(.*)$/s;

/**
 * An OpenAI `image_url` as Anthropic's image block: a base64 data URL travels inline, an http(s)
 * URL as a reference that Anthropic fetches itself. Anthropic takes JPEG, PNG, GIF and WebP; another
 * type fails upstream with a 400 that names it.
 * https://platform.claude.com/docs/en/build-with-claude/vision
 */
export function convertImageUrl(url: string, field: string): ImageBlock {
  const inline = DATA_URL.exec(url);
  if (inline) return { type: 'image', source: { type: 'base64', media_type: inline[1], data: inline[2] } };
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw errors.badRequest(
    `Invalid request: ${field}: must be an http(s) URL or a base64 data URL (data:<type>;base64,<data>)`,
  );
}
