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

  it('loads the default catalog shipped in config/', () => {
    const catalog = loadCatalog('config/catalog.yaml', {});
    expect(catalog.model('switchyard/echo')!.endpoints[0].providerId).toBe('simulator');
  });
});
