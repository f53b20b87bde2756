/**
 * Whether a request body with this Content-Type is read as JSON: `application/json` with any
 * parameters (`charset=utf-8`), the structured `+json` types (RFC 6839), and no Content-Type at
 * all — no other type was claimed, and the body must still be valid JSON. Any other type is
 * refused rather than guessed at: it is what a client that sends something else says (`curl -d`
 * without a header sends `application/x-www-form-urlencoded`, `fetch` with a string body
 * `text/plain`), and a 415 tells it the one header to fix.
 */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const mediaType = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return mediaType === 'application/json' || /^application\/[^/\s]+\+json$/.test(mediaType);
}
