import type { maxTokensFields, providerAuthStyles, providerFamilies, quantizations } from './catalog-schema';
import type { EndpointRef, ProviderPreferences, TokenPricing } from '../contracts';

export type ProviderFamily = (typeof providerFamilies)[number];
export type ProviderAuth = (typeof providerAuthStyles)[number];
export type MaxTokensField = (typeof maxTokensFields)[number];
export type Quantization = (typeof quantizations)[number];

export interface ProviderConfig {
  id: string;
  name: string;
  family: ProviderFamily;
  baseUrl: string;
  /** The environment variable holding the key; none for local servers that take no key. */
  apiKeyEnv?: string;
  headers: Record<string, string>;
  /** How the openai-compatible worker sends the key; absent: `Authorization: Bearer`. */
  auth?: ProviderAuth;
  /** Query parameters added to every request (Azure's `api-version`); absent: none. */
  query?: Record<string, string>;
  /** The body field that carries the output limit; absent: `max_tokens`. */
  maxTokensField?: MaxTokensField;
  privacyPolicyUrl?: string;
  termsOfServiceUrl?: string;
  statusPageUrl?: string;
}

export interface EndpointConfig {
  providerId: string;
  upstreamModel: string;
  pricing: TokenPricing;
  contextLength: number;
  maxCompletionTokens?: number;
  /** Overrides the model's list for this endpoint; absent: the model's list. */
  supportedParameters?: string[];
  /** Whether the provider may store or train on prompts. */
  dataCollection: 'allow' | 'deny';
  /** Absent when the catalog does not say; `provider.quantizations` then treats it as `unknown`. */
  quantization?: Quantization;
  /** Zero data retention: the provider keeps nothing of a request. */
  zdr: boolean;
}

/** One arm of a preset: the routing request it stands for, and parameters set on the request. */
export interface PresetVariant {
  name: string;
  weight: number;
  models: string[];
  provider?: ProviderPreferences;
  parameters?: Record<string, unknown>;
}

export interface PresetConfig {
  slug: string;
  variants: PresetVariant[];
}

export interface ModelConfig {
  id: string;
  name: string;
  description: string;
  /** Unix seconds. */
  created: number;
  contextLength: number;
  inputModalities: string[];
  outputModalities: string[];
  /** Absent when the catalog does not say: then nothing is filtered. */
  supportedParameters?: string[];
  /** The licence lets the model's outputs train other models. */
  distillable: boolean;
  categories: string[];
  huggingFaceId?: string;
  defaultParameters?: Record<string, unknown>;
  endpoints: EndpointConfig[];
}

/** The validated catalog: who can serve what, where, at which price. */
export class Catalog {
  constructor(
    readonly providers: ReadonlyMap<string, ProviderConfig>,
    readonly models: ReadonlyMap<string, ModelConfig>,
    readonly presets: ReadonlyMap<string, PresetConfig> = new Map(),
  ) {}

  preset(slug: string): PresetConfig | undefined {
    return this.presets.get(slug);
  }

  provider(id: string): ProviderConfig | undefined {
    return this.providers.get(id);
  }

  model(id: string): ModelConfig | undefined {
    return this.models.get(id);
  }

  endpointRef(model: ModelConfig, endpoint: EndpointConfig): EndpointRef {
    const provider = this.providers.get(endpoint.providerId);
    const supportedParameters = endpoint.supportedParameters ?? model.supportedParameters;
    return {
      providerId: endpoint.providerId,
      providerName: provider?.name ?? endpoint.providerId,
      upstreamModel: endpoint.upstreamModel,
      pricing: endpoint.pricing,
      ...(supportedParameters && { supportedParameters }),
      ...(endpoint.maxCompletionTokens !== undefined && {
        maxCompletionTokens: endpoint.maxCompletionTokens,
      }),
    };
  }
}
