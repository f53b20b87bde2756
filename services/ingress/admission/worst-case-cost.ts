import type { Catalog, EndpointConfig } from '../../../libs/catalog';
import type { ChatRequest } from '../../../libs/contracts';

/**
 * Tokens an image may cost at most. Providers price an image by its size, capped: OpenAI's high
 * detail tiles to at most ~1,100 tokens, Anthropic's ~1,600, Gemini's 258 per tile.
 */
const IMAGE_TOKENS = 2_500;
/** Chat templates add a few tokens per message (role markers, separators). */
const TOKENS_PER_MESSAGE = 8;
/** For the tokens-per-minute limit, a usual estimate of English text rather than a bound. */
const BYTES_PER_TOKEN_ESTIMATE = 4;

/** What a request may cost at most, on the most expensive endpoint that may serve it. */
export interface WorstCase {
  /** USD. */
  cost: number;
  /** A bound of the prompt: no tokenizer makes more tokens than the prompt has bytes. */
  promptTokens: number;
  /** The completion tokens that bound is for: `max_tokens`, else the endpoint's own maximum. */
  completionTokens: number;
  /** The worst endpoint's price of one completion token, and of the rest (prompt, per request). */
  completionPrice: number;
  fixedCost: number;
  /** An estimate of the prompt's tokens, for the tokens-per-minute limit. */
  estimatedTokens: number;
}

/**
 * The worst-case cost reserved before a request is sent: its prompt bound plus its completion
 * bound, priced at each endpoint of every model it may be routed to (`model`, `models`, a preset's
 * variants), taking the highest. Endpoints of `freeProviders` (the key's own credentials, when
 * they do not count against its limit) cost the key nothing.
 */
export function worstCaseCost(
  request: ChatRequest,
  catalog: Catalog,
  freeProviders: ReadonlySet<string> = new Set(),
): WorstCase {
  const promptBytes = promptSize(request);
  const promptTokens =
    promptBytes.bytes + promptBytes.media * IMAGE_TOKENS + TOKENS_PER_MESSAGE * request.messages.length;
  const requested = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  let worst: WorstCase = {
    cost: 0,
    promptTokens,
    completionTokens: requested ?? 0,
    completionPrice: 0,
    fixedCost: 0,
    estimatedTokens:
      Math.ceil(promptBytes.bytes / BYTES_PER_TOKEN_ESTIMATE) + promptBytes.media * IMAGE_TOKENS,
  };
  for (const endpoint of candidateEndpoints(request, catalog)) {
    if (freeProviders.has(endpoint.providerId)) continue;
    // Without a limit of its own, an answer may fill the whole context window.
    const completionTokens = requested ?? endpoint.maxCompletionTokens ?? endpoint.contextLength;
    const { pricing } = endpoint;
    // A prompt written to the provider's cache may cost more than one read as usual.
    const promptPrice = Math.max(pricing.prompt, pricing.inputCacheWrite ?? 0);
    const fixedCost = promptTokens * promptPrice + pricing.request;
    const cost = fixedCost + completionTokens * pricing.completion;
    if (cost > worst.cost)
      worst = { ...worst, cost, completionTokens, completionPrice: pricing.completion, fixedCost };
  }
  return worst;
}

function* candidateEndpoints(request: ChatRequest, catalog: Catalog): Generator<EndpointConfig> {
  const ids = [...(request.model ? [request.model] : []), ...(request.models ?? [])];
  for (const id of ids) {
    const preset = id.startsWith('@preset/') ? catalog.preset(id.slice('@preset/'.length)) : undefined;
    const models = preset ? preset.variants.flatMap((variant) => variant.models) : [id];
    for (const modelId of models) {
      // `author/slug:nitro` and the like route among the same endpoints as `author/slug`.
      const model = catalog.model(modelId) ?? catalog.model(modelId.replace(/:[^/:]+$/, ''));
      if (model) yield* model.endpoints;
    }
  }
}

/** UTF-8 bytes of everything a prompt holds as text, and how many images, audio clips and files. */
function promptSize(request: ChatRequest): { bytes: number; media: number } {
  let bytes = 0;
  let media = 0;
  const text = (value: string | undefined | null) => {
    if (value) bytes += Buffer.byteLength(value);
  };
  for (const message of request.messages) {
    if (typeof message.content === 'string') text(message.content);
    else if (Array.isArray(message.content)) {
      for (const part of message.content) {
        if (part.type === 'text') text(part.text);
        else if (part.type === 'image_url') media += 1;
        // Audio and files are bounded by their own size (base64 is larger than what it encodes).
        else if (part.type === 'input_audio') text(part.input_audio.data);
        else text(JSON.stringify(part.file));
      }
    }
    if (message.role === 'assistant')
      for (const call of message.tool_calls ?? []) text(JSON.stringify(call.function));
  }
  if (request.tools) text(JSON.stringify(request.tools));
  if (request.response_format) text(JSON.stringify(request.response_format));
  return { bytes, media };
}
