import type { ProviderConfig } from '../../catalog';
import type { ChatJob } from '../../contracts';
import type { UpstreamRequest } from '../provider-adapter';
import { buildGenerationConfig } from './build-generation-config';
import { convertMessages } from './convert-messages';
import { convertTools } from './convert-tools';
import { isGemini3OrLater } from './model-generation';
import { selectSupportedParameters } from './select-supported-parameters';
import { operatorHeaders } from '../shared/operator-headers';

/**
 * The upstream call for one attempt: `generateContent`, or `streamGenerateContent` as SSE, on the
 * endpoint's model, authenticated with the `x-goog-api-key` header (the key stays out of URLs and
 * their logs). The catalog's headers come last, lower-cased, so an operator's header replaces ours.
 * https://ai.google.dev/api/generate-content#method:-models.generatecontent
 * https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
export function buildGenerateContentRequest(
  job: ChatJob,
  provider: ProviderConfig,
  apiKey: string | undefined,
): UpstreamRequest {
  const upstreamModel = job.endpoint.upstreamModel;
  const request = selectSupportedParameters(job.request, job.endpoint.supportedParameters);
  const generationConfig = buildGenerationConfig(request, upstreamModel);
  const body = {
    ...convertMessages(request.messages, { requireToolCallSignatures: isGemini3OrLater(upstreamModel) }),
    ...convertTools(request.tools, request.tool_choice),
    ...(generationConfig && { generationConfig }),
  };
  const method = job.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  return {
    url: `${provider.baseUrl}/${modelPath(upstreamModel)}:${method}`,
    headers: {
      'content-type': 'application/json',
      ...(apiKey && { 'x-goog-api-key': apiKey }),
      ...operatorHeaders(provider),
    },
    body: JSON.stringify(body),
  };
}

/** `gemini-2.5-flash` is `models/gemini-2.5-flash`; a full resource name (`tunedModels/…`) stays as is. */
export function modelPath(upstreamModel: string): string {
  return upstreamModel.includes('/') ? upstreamModel : `models/${upstreamModel}`;
}
