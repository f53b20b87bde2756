import { z } from 'zod';
import { errors } from '../../../libs/contracts';

/** A worker's JSON bytes, read with `schema` (the gateway's answer contract); a 500 when they break it. */
export function readGatewayAnswer<T>(schema: z.ZodType<T>, bytes: Buffer): T {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw errors.internal('A worker sent an answer that is not JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw errors.internal(
      `A worker sent an answer the gateway cannot read: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}
