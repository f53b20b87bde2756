/**
 * The error a client SDK threw for `request`, of `errorClass` (the SDK's `APIError`); anything else,
 * and a request that did not fail, fails the test.
 */
export async function apiError<E extends Error>(
  request: Promise<unknown>,
  errorClass: { prototype: E },
): Promise<E> {
  try {
    await request;
  } catch (error) {
    if (error instanceof (errorClass as unknown as new () => E)) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}
