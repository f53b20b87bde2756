import { errors } from '../../contracts';

export type MediaPart =
  { inlineData: { mimeType: string; data: string } } | { fileData: { mimeType: string; fileUri: string } };

const DATA_URL = /^data:([^;,]+)(?:;[^;,]*)*;base64,(.*)$/s;

/**
 * MIME types by file extension, for URLs: Gemini needs a `mimeType` beside every `fileUri` and does
 * not read it from the server. https://ai.google.dev/gemini-api/docs/image-understanding#supported-formats
 */
const MIME_BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  mp4: 'video/mp4',
};

/**
 * A media URL from the client as a Gemini part: a base64 data URL travels inline; an http(s) URL
 * becomes a `fileData` reference that Google fetches itself. Limitation: the type of a URL is
 * guessed from its extension (else `fallbackMimeType`), and Google fetches only what it can reach
 * and supports (its Files API URIs, YouTube, public URLs on models that accept them); anything else
 * fails upstream with a 400 that names the URL.
 * https://ai.google.dev/api/caching#Blob
 * https://ai.google.dev/api/caching#FileData
 */
export function convertMediaUrl(url: string, fallbackMimeType: string, field: string): MediaPart {
  const inline = DATA_URL.exec(url);
  if (inline) return { inlineData: { mimeType: inline[1], data: inline[2] } };
  if (/^https?:\/\//i.test(url)) {
    return { fileData: { mimeType: guessMimeType(url) ?? fallbackMimeType, fileUri: url } };
  }
  throw errors.badRequest(
    `Invalid request: ${field}: must be an http(s) URL or a base64 data URL (data:<type>;base64,<data>)`,
  );
}

function guessMimeType(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return extension === undefined ? undefined : MIME_BY_EXTENSION[extension];
}
