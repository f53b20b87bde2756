import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { Catalog, type ModelConfig, type PresetConfig, type ProviderConfig } from './catalog';
import { catalogPathOf, hashCatalogText, type CatalogFileText } from './catalog-entry';
import { catalogFileSchema, MODEL_PLACEHOLDER, type CatalogFile } from './catalog-schema';

/** A catalog that cannot be used, with every problem located by file, line and path. */
export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid catalog ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CatalogError';
  }
}

export function readCatalogFile(file: string): CatalogFileText {
  const path = catalogPathOf(file);
  try {
    const text = readFileSync(file, 'utf8');
    return { path, text, hash: hashCatalogText(text) };
  } catch (error) {
    throw new CatalogError(path, [`cannot read the file: ${(error as Error).message}`]);
  }
}

export function loadCatalog(file: string, env: NodeJS.ProcessEnv = process.env): Catalog {
  const { path, text } = readCatalogFile(file);
  return parseCatalog(text, path, env);
}

export function parseCatalog(text: string, file: string, env: NodeJS.ProcessEnv = {}): Catalog {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new CatalogError(
      file,
      doc.errors.map((e) => `YAML syntax: ${e.message.split('\n')[0]}`),
    );
  }
  const parsed = catalogFileSchema.safeParse(interpolateEnv(doc.toJS(), env));
  if (!parsed.success) {
    throw new CatalogError(file, describeIssues(parsed.error, doc, lineCounter));
  }
  const problems = crossReferenceProblems(parsed.data).map(({ path, message }) =>
    locate(path, doc, lineCounter, message),
  );
  if (problems.length > 0) throw new CatalogError(file, problems);
  return toCatalog(parsed.data);
}

/**
 * `${NAME}` and `${NAME:-default}` in any string, so one file serves a laptop, compose and k8s. As in
 * the shell, the default also stands for a variable set to nothing (compose passes `${X:-}` so).
 */
function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
      const set = env[name];
      return set === undefined || set === '' ? (fallback ?? '') : set;
    });
  }
  if (Array.isArray(value)) return value.map((item) => interpolateEnv(item, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env)]));
  }
  return value;
}

function describeIssues(error: z.ZodError, doc: Document, lineCounter: LineCounter): string[] {
  return error.issues.map((issue) => {
    // A bad record key (a provider or model id) carries the key's own problem one level down.
    const message =
      issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    return locate(issue.path as (string | number)[], doc, lineCounter, message);
  });
}

function locate(path: (string | number)[], doc: Document, lineCounter: LineCounter, message: string): string {
  const shown = path.length > 0 ? path.join('.') : '(top level)';
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) {
      const { line } = lineCounter.linePos(node.range[0]);
      return `line ${line}, ${shown}: ${message}`;
    }
  }
  return `${shown}: ${message}`;
}

type Problem = { path: (string | number)[]; message: string };

function crossReferenceProblems(file: CatalogFile): Problem[] {
  return [
    ...Object.entries(file.providers).flatMap(([id, provider]) => providerOptionProblems(id, provider)),
    ...unknownProviderProblems(file),
    ...unknownPresetModelProblems(file),
    ...embeddingEndpointProblems(file),
  ];
}

type ProviderEntry = CatalogFile['providers'][string];

/** Options only the openai-compatible worker reads, and key settings that contradict each other. */
function providerOptionProblems(id: string, provider: ProviderEntry): Problem[] {
  const at = (key: string) => ['providers', id, key];
  const problems: Problem[] = [];
  if (provider.family !== 'openai-compatible') {
    for (const key of ['auth', 'query', 'max_tokens_field'] as const) {
      if (provider[key] !== undefined) {
        problems.push({
          path: at(key),
          message: `only openai-compatible providers read "${key}"; the ${provider.family} worker sends its own`,
        });
      }
    }
    if (provider.base_url.includes(MODEL_PLACEHOLDER)) {
      problems.push({
        path: at('base_url'),
        message: `${MODEL_PLACEHOLDER} is replaced only for openai-compatible providers`,
      });
    }
  }
  if (provider.auth === 'none' && provider.api_key_env) {
    problems.push({
      path: at('auth'),
      message: 'auth: none sends no key; remove api_key_env, or choose bearer or api-key-header',
    });
  }
  if (provider.auth === 'api-key-header' && !provider.api_key_env) {
    problems.push({
      path: at('auth'),
      message: 'auth: api-key-header needs api_key_env, the variable that holds the key',
    });
  }
  return problems;
}

function unknownProviderProblems(file: CatalogFile): Problem[] {
  const known = Object.keys(file.providers);
  return Object.entries(file.models).flatMap(([modelId, model]) =>
    model.endpoints.flatMap((endpoint, index) =>
      file.providers[endpoint.provider]
        ? []
        : [
            {
              path: ['models', modelId, 'endpoints', index, 'provider'],
              message: `unknown provider "${endpoint.provider}"; declare it under "providers" (known: ${known.join(', ')})`,
            },
          ],
    ),
  );
}

/** Families whose workers can ask a provider for embeddings (Anthropic's API has none). */
const EMBEDDING_FAMILIES: readonly string[] = ['openai-compatible', 'gemini'];

/** An embedding model served by a provider whose API has no embeddings fails at load, not per request. */
function embeddingEndpointProblems(file: CatalogFile): Problem[] {
  return Object.entries(file.models).flatMap(([modelId, model]) =>
    !model.output_modalities.includes('embeddings')
      ? []
      : model.endpoints.flatMap((endpoint, index) => {
          const family = file.providers[endpoint.provider]?.family;
          return family === undefined || EMBEDDING_FAMILIES.includes(family)
            ? []
            : [
                {
                  path: ['models', modelId, 'endpoints', index, 'provider'],
                  message: `${family} providers serve no embeddings; use an openai-compatible or gemini provider`,
                },
              ];
        }),
  );
}

/** A preset's variants may name only catalog models, so a typo fails at load, not per request. */
function unknownPresetModelProblems(file: CatalogFile): Problem[] {
  return Object.entries(file.presets).flatMap(([slug, preset]) =>
    preset.variants.flatMap((variant, index) =>
      [...(variant.model ? [variant.model] : []), ...(variant.models ?? [])]
        .filter((model) => !file.models[model])
        .map((model) => ({
          path: ['presets', slug, 'variants', index, variant.model === model ? 'model' : 'models'],
          message: `unknown model "${model}"; declare it under "models"`,
        })),
    ),
  );
}

const PER_MILLION = 1e6;

function toCatalog(file: CatalogFile): Catalog {
  const providers = new Map<string, ProviderConfig>(
    Object.entries(file.providers).map(([id, p]) => [
      id,
      {
        id,
        name: p.name,
        family: p.family,
        baseUrl: p.base_url.replace(/\/+$/, ''),
        apiKeyEnv: p.api_key_env,
        // Empty after interpolation (`${VAR:-}`): an optional header the operator left unset.
        headers: Object.fromEntries(Object.entries(p.headers).filter(([, value]) => value !== '')),
        ...(p.auth && { auth: p.auth }),
        ...(p.query && { query: p.query }),
        ...(p.max_tokens_field && { maxTokensField: p.max_tokens_field }),
        ...(p.privacy_policy_url && { privacyPolicyUrl: p.privacy_policy_url }),
        ...(p.terms_of_service_url && { termsOfServiceUrl: p.terms_of_service_url }),
        ...(p.status_page_url && { statusPageUrl: p.status_page_url }),
      },
    ]),
  );
  const models = new Map<string, ModelConfig>(
    Object.entries(file.models).map(([id, m]) => [
      id,
      {
        id,
        name: m.name,
        description: m.description,
        created: m.created ? Math.floor(Date.parse(m.created) / 1000) : 0,
        contextLength: m.context_length,
        inputModalities: m.input_modalities,
        outputModalities: m.output_modalities,
        supportedParameters: m.supported_parameters,
        distillable: m.distillable,
        categories: m.categories,
        ...(m.hugging_face_id && { huggingFaceId: m.hugging_face_id }),
        ...(m.default_parameters && { defaultParameters: m.default_parameters }),
        endpoints: m.endpoints.map((e) => ({
          providerId: e.provider,
          upstreamModel: e.upstream_model,
          pricing: {
            prompt: e.pricing.prompt / PER_MILLION,
            completion: e.pricing.completion / PER_MILLION,
            request: e.pricing.request,
            ...(e.pricing.input_cache_read !== undefined && {
              inputCacheRead: e.pricing.input_cache_read / PER_MILLION,
            }),
            ...(e.pricing.input_cache_write !== undefined && {
              inputCacheWrite: e.pricing.input_cache_write / PER_MILLION,
            }),
          },
          contextLength: e.context_length ?? m.context_length,
          maxCompletionTokens: e.max_completion_tokens,
          ...(e.supported_parameters && { supportedParameters: e.supported_parameters }),
          dataCollection: e.data_collection,
          ...(e.quantization && { quantization: e.quantization }),
          zdr: e.zdr,
        })),
      },
    ]),
  );
  const presets = new Map<string, PresetConfig>(
    Object.entries(file.presets).map(([slug, p]) => [
      slug,
      {
        slug,
        variants: p.variants.map((v) => ({
          name: v.name,
          weight: v.weight,
          models: [...(v.model ? [v.model] : []), ...(v.models ?? [])],
          ...(v.provider && { provider: v.provider }),
          ...(v.parameters && { parameters: v.parameters }),
        })),
      },
    ]),
  );
  return new Catalog(providers, models, presets);
}
