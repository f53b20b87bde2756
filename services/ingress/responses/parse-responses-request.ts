import { describeValidationError, errors } from '../../../libs/contracts';
import { responsesRequestSchema, type ResponsesRequest } from './responses-request';

/** The body as a Responses request, or a 400 that names the first invalid field. */
export function parseResponsesRequest(body: unknown): ResponsesRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw errors.badRequest('Invalid request: the body must be a JSON object.');
  }
  const parsed = responsesRequestSchema.safeParse(body);
  if (!parsed.success) throw errors.badRequest(describeValidationError(parsed.error));
  return parsed.data;
}
