import { CatalogError, loadCatalog, parseCatalog } from './load-catalog';

const valid = `
providers:
  local:
    name: Local
    family: openai-compatible
    base_url: \${LOCAL_URL:-http://127.0.0.1:9000/v1}/
models:
  acme/small:
    name: Acme Small
    context_length: 8192
    created: 2025-01-31
    endpoints:
      - provider: local
        upstream_model: small-v1
        pricing: { prompt: 0.5, completion: 1.5 }
`;

function problemsOf(text: string): string[] {
  try {
    parseCatalog(text, 'catalog.yaml');
  } catch (error) {
    if (error instanceof CatalogError) return error.problems;
    throw error;
  }
  throw new Error('expected the catalog to be rejected');
}

describe('parseCatalog', () => {
  it('converts prices to USD per token and interpolates the environment', () => {
    const catalog = parseCatalog(valid, 'catalog.yaml', { LOCAL_URL: 'http://sim:4010/v1' });
    expect(catalog.provider('local')!.baseUrl).toBe('http://sim:4010/v1');
    const model = catalog.model('acme/small')!;
    expect(model.endpoints[0].pricing).toEqual({ prompt: 0.5e-6, completion: 1.5e-6, request: 0 });
    expect(model.endpoints[0].contextLength).toBe(8192);
    expect(model.created).toBe(Date.UTC(2025, 0, 31) / 1000);
  });

  it('uses the default of ${VAR:-default} when the variable is set to nothing, as the shell does', () => {
    expect(parseCatalog(valid, 'catalog.yaml', { LOCAL_URL: '' }).provider('local')!.baseUrl).toBe(
      'http://127.0.0.1:9000/v1',
    );
  });

  it('uses the default of ${VAR:-default} when the variable is unset', () => {
    expect(parseCatalog(valid, 'catalog.yaml', {}).provider('local')!.baseUrl).toBe(
      'http://127.0.0.1:9000/v1',
    );
  });

  it.each([
    [
      'a bad URL',
      valid.replace(/base_url: .*/, 'base_url: not-a-url'),
      /line 6, providers\.local\.base_url: must be an absolute/,
    ],
    [
      'an unknown provider',
      valid.replace('provider: local', 'provider: nobody'),
      /line 13, models\.acme\/small\.endpoints\.0\.provider: unknown provider "nobody".*known: local/,
    ],
    ['a negative price', valid.replace('prompt: 0.5', 'prompt: -1'), /pricing\.prompt: must be a price/],
    [
      'a misspelt key',
      valid.replace('context_length: 8192', 'context_lenght: 8192'),
      /models\.acme\/small.*context_lenght/,
    ],
    ['a bad model id', valid.replace('acme/small:', 'small:'), /models\.small.*author\/slug/],
    ['broken YAML', 'providers: [', /YAML syntax/],
  ])('names the line, the path and the problem for %s', (_case, text, expected) => {
    expect(problemsOf(text).join('\n')).toMatch(expected);
  });

  it('says which file could not be read', () => {
    expect(() => loadCatalog('/nonexistent/catalog.yaml')).toThrow(
      /Invalid catalog \/nonexistent\/catalog.yaml:\n.*cannot read/,
    );
  });
});

const withProvider = (lines: string) =>
  valid.replace(
    '    base_url: ${LOCAL_URL:-http://127.0.0.1:9000/v1}/\n',
    `    base_url: http://127.0.0.1:9000/v1\n${lines}`,
  );

describe('parseCatalog embedding models', () => {
  const embedding = valid.replace(
    '    created: 2025-01-31\n',
    '    created: 2025-01-31\n    output_modalities: [embeddings]\n',
  );

  it('takes an embedding model on an openai-compatible provider', () => {
    expect(parseCatalog(embedding, 'catalog.yaml').model('acme/small')!.outputModalities).toEqual([
      'embeddings',
    ]);
  });

  it('rejects an embedding model on a provider whose API has no embeddings', () => {
    const text = embedding.replace('family: openai-compatible', 'family: anthropic');
    expect(problemsOf(text).join('\n')).toMatch(
      /models\.acme\/small\.endpoints\.0\.provider: anthropic providers serve no embeddings/,
    );
  });
});

describe('parseCatalog provider options', () => {
  it('reads the auth style, query and output-limit field of an openai-compatible provider', () => {
    const text = valid.replace(
      / {4}base_url: .*\n/,
      [
        '    base_url: https://${AZURE_OPENAI_RESOURCE}.openai.azure.com/openai/deployments/{model}',
        '    api_key_env: AZURE_OPENAI_API_KEY',
        '    auth: api-key-header',
        "    query: { api-version: '2024-10-21' }",
        '    max_tokens_field: max_completion_tokens',
        '',
      ].join('\n'),
    );
    expect(parseCatalog(text, 'catalog.yaml', { AZURE_OPENAI_RESOURCE: 'acme' }).provider('local')).toEqual({
      id: 'local',
      name: 'Local',
      family: 'openai-compatible',
      baseUrl: 'https://acme.openai.azure.com/openai/deployments/{model}',
      apiKeyEnv: 'AZURE_OPENAI_API_KEY',
      headers: {},
      auth: 'api-key-header',
      query: { 'api-version': '2024-10-21' },
      maxTokensField: 'max_completion_tokens',
    });
  });

  it('leaves the options out when the file does not give them', () => {
    const provider = parseCatalog(valid, 'catalog.yaml').provider('local')!;
    expect(Object.keys(provider).sort()).toEqual(['apiKeyEnv', 'baseUrl', 'family', 'headers', 'id', 'name']);
  });

  it('does not send a header left empty by an unset ${VAR:-}', () => {
    const text = withProvider('    headers: { X-Title: "${TITLE:-}", HTTP-Referer: "${REFERER:-}" }\n');
    expect(
      parseCatalog(text, 'catalog.yaml', { REFERER: 'https://example.com' }).provider('local')!.headers,
    ).toEqual({
      'HTTP-Referer': 'https://example.com',
    });
  });

  it.each([
    [
      'an unknown auth style',
      '    auth: basic\n',
      /providers\.local\.auth: must be bearer .*, api-key-header \(Azure\) or none/,
    ],
    [
      'an unknown output-limit field',
      '    max_tokens_field: max_output_tokens\n',
      /providers\.local\.max_tokens_field: must be max_tokens or max_completion_tokens/,
    ],
    [
      'a query that is not a map',
      '    query: api-version=1\n',
      /providers\.local\.query: must map parameter names/,
    ],
    [
      'no key for the api-key header',
      '    auth: api-key-header\n',
      /line 7, providers\.local\.auth: auth: api-key-header needs api_key_env/,
    ],
    [
      'a key that auth: none would never send',
      '    auth: none\n    api_key_env: LOCAL_KEY\n',
      /providers\.local\.auth: auth: none sends no key; remove api_key_env/,
    ],
  ])('names the path and the fix for %s', (_case, lines, expected) => {
    expect(problemsOf(withProvider(lines)).join('\n')).toMatch(expected);
  });

  it.each([
    [
      'a query string',
      'http://h/v1?api-version=1',
      /base_url: must not carry a query string; put query parameters under "query"/,
    ],
    [
      'a placeholder other than {model}',
      'http://h/{deployment}/v1',
      /base_url: may contain only the placeholder \{model\}/,
    ],
    ['a protocol other than http(s)', 'ftp://h/v1', /base_url: must be an absolute http\(s\) URL/],
  ])('rejects a base_url with %s', (_case, url, expected) => {
    expect(problemsOf(valid.replace(/base_url: .*/, `base_url: '${url}'`)).join('\n')).toMatch(expected);
  });

  it.each([
    ['auth', '    auth: bearer\n'],
    ['query', '    query: { v: "1" }\n'],
    ['max_tokens_field', '    max_tokens_field: max_tokens\n'],
  ])('rejects %s on a provider of another family', (key, lines) => {
    const text = withProvider(lines).replace('family: openai-compatible', 'family: anthropic');
    expect(problemsOf(text).join('\n')).toMatch(
      new RegExp(`providers\\.local\\.${key}: only openai-compatible providers read "${key}"`),
    );
  });

  it('rejects {model} in the base_url of another family', () => {
    const text = valid
      .replace('family: openai-compatible', 'family: gemini')
      .replace(/base_url: .*/, 'base_url: https://h/models/{model}');
    expect(problemsOf(text).join('\n')).toMatch(/base_url: \{model\} is replaced only for openai-compatible/);
  });

  it("lets an endpoint's own supported parameters override the model's", () => {
    const text = valid
      .replace(
        '    created: 2025-01-31\n',
        '    created: 2025-01-31\n    supported_parameters: [tools, reasoning]\n',
      )
      .replace(
        '        pricing: { prompt: 0.5, completion: 1.5 }\n',
        '        pricing: { prompt: 0.5, completion: 1.5 }\n      - provider: local\n        upstream_model: small-v2\n        pricing: { prompt: 1, completion: 1 }\n        supported_parameters: [tools]\n',
      );
    const catalog = parseCatalog(text, 'catalog.yaml');
    const model = catalog.model('acme/small')!;
    expect(
      model.endpoints.map((endpoint) => catalog.endpointRef(model, endpoint).supportedParameters),
    ).toEqual([['tools', 'reasoning'], ['tools']]);
  });
});

describe('parseCatalog routing fields', () => {
  const withEndpointFields = (fields: string) =>
    valid.replace(
      'pricing: { prompt: 0.5, completion: 1.5 }',
      `pricing: { prompt: 0.5, completion: 1.5 }\n${fields}`,
    );

  it('reads data_collection and quantization, defaulting to allow and unsaid', () => {
    const plain = parseCatalog(valid, 'catalog.yaml').model('acme/small')!.endpoints[0];
    expect(plain.dataCollection).toBe('allow');
    expect(plain.quantization).toBeUndefined();
    const text = withEndpointFields('        data_collection: deny\n        quantization: fp8');
    const endpoint = parseCatalog(text, 'catalog.yaml').model('acme/small')!.endpoints[0];
    expect(endpoint).toMatchObject({ dataCollection: 'deny', quantization: 'fp8' });
  });

  it.each([
    [
      '        data_collection: maybe',
      'line 16, models.acme/small.endpoints.0.data_collection: must be allow or deny',
    ],
    ['        quantization: fp3', 'models.acme/small.endpoints.0.quantization: must be one of int4,'],
  ])('rejects %s', (fields, problem) => {
    expect(problemsOf(withEndpointFields(fields)).join('\n')).toContain(problem);
  });

  const withPresets = (presets: string) => `${valid}presets:\n${presets}`;

  it('reads presets: each variant with its models, provider preferences and parameters', () => {
    const text = withPresets(`  exp:
    variants:
      - { name: a, weight: 3, model: acme/small, provider: { sort: price } }
      - { name: b, weight: 1, models: [acme/small], parameters: { temperature: 0.2 } }
`);
    expect(parseCatalog(text, 'catalog.yaml').preset('exp')).toEqual({
      slug: 'exp',
      variants: [
        { name: 'a', weight: 3, models: ['acme/small'], provider: { sort: 'price' } },
        { name: 'b', weight: 1, models: ['acme/small'], parameters: { temperature: 0.2 } },
      ],
    });
  });

  it('has no presets when the file gives none', () => {
    expect(parseCatalog(valid, 'catalog.yaml').presets.size).toBe(0);
  });

  it.each([
    ['  exp: { variants: [] }\n', 'line 17, presets.exp.variants: a preset needs at least one variant'],
    [
      '  exp: { variants: [{ name: a, weight: 1 }] }\n',
      'presets.exp.variants.0.model: needs "model" or "models"',
    ],
    [
      '  exp: { variants: [{ name: a, weight: 0, model: acme/small }] }\n',
      'must be a positive share of the traffic',
    ],
    [
      '  exp: { variants: [{ name: a, weight: 1, model: acme/nope }] }\n',
      'presets.exp.variants.0.model: unknown model "acme/nope"',
    ],
    [
      '  exp: { variants: [{ name: a, weight: 1, model: acme/small, provider: { sort: fastest } }] }\n',
      'presets.exp.variants.0.provider.sort',
    ],
    [
      '  Exp: { variants: [{ name: a, weight: 1, model: acme/small }] }\n',
      'must be lowercase letters, digits and -',
    ],
  ])('rejects the preset %j', (presets, problem) => {
    expect(problemsOf(withPresets(presets)).join('\n')).toContain(problem);
  });
});

describe('the default catalog shipped in config/', () => {
  const catalog = loadCatalog('config/catalog.yaml', {});

  it('keeps the simulator echo', () => {
    expect(catalog.model('switchyard/echo')!.endpoints[0].providerId).toBe('simulator');
  });

  it('resolves every endpoint to a declared provider, named in its reference', () => {
    for (const model of catalog.models.values()) {
      for (const endpoint of model.endpoints) {
        const provider = catalog.provider(endpoint.providerId);
        expect(provider).toBeDefined();
        expect(catalog.endpointRef(model, endpoint)).toMatchObject({
          providerId: provider!.id,
          providerName: provider!.name,
          upstreamModel: endpoint.upstreamModel,
        });
      }
    }
  });

  it('uses every provider it declares', () => {
    const used = new Set([...catalog.models.values()].flatMap((m) => m.endpoints.map((e) => e.providerId)));
    expect([...catalog.providers.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  it.each([
    ['openai', 'OPENAI_API_KEY'],
    ['azure-openai', 'AZURE_OPENAI_API_KEY'],
    ['groq', 'GROQ_API_KEY'],
    ['together', 'TOGETHER_API_KEY'],
    ['fireworks', 'FIREWORKS_API_KEY'],
    ['deepseek', 'DEEPSEEK_API_KEY'],
    ['mistral', 'MISTRAL_API_KEY'],
    ['xai', 'XAI_API_KEY'],
    ['cerebras', 'CEREBRAS_API_KEY'],
    ['perplexity', 'PERPLEXITY_API_KEY'],
    ['openrouter', 'OPENROUTER_API_KEY'],
    ['ollama', undefined],
    ['vllm', undefined],
  ])('declares %s with its key variable %s', (id, keyVariable) => {
    expect(catalog.provider(id)).toMatchObject({ family: 'openai-compatible', apiKeyEnv: keyVariable });
  });

  it('lists the endpoints of a model cheapest first', () => {
    for (const model of catalog.models.values()) {
      const prices = model.endpoints.map(({ pricing }) => pricing.prompt + pricing.completion);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
    }
  });

  it("addresses Azure's deployment from the resource variable", () => {
    const azure = loadCatalog('config/catalog.yaml', { AZURE_OPENAI_RESOURCE: 'acme' }).provider(
      'azure-openai',
    );
    expect(azure).toMatchObject({
      baseUrl: 'https://acme.openai.azure.com/openai/deployments/{model}',
      auth: 'api-key-header',
      query: { 'api-version': '2024-10-21' },
      maxTokensField: 'max_completion_tokens',
    });
  });
});
