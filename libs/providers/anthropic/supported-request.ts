import type { ChatJob, ChatRequest } from '../../contracts';
import { keepSupportedParameters } from '../shared/keep-supported-parameters';

/**
 * The client's request without the parameters the endpoint does not list (OpenRouter's
 * `supported_parameters`): what is sent upstream, and so what the answer is read against (a dropped
 * `response_format` asked for no JSON tool, a dropped `reasoning` excludes nothing).
 */
export function supportedRequest(job: Pick<ChatJob, 'request' | 'endpoint'>): ChatRequest {
  return keepSupportedParameters(job.request, job.endpoint.supportedParameters) as ChatRequest;
}
