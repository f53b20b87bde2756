import type { ProviderConfig } from '../../catalog';
import { networkError } from './network-error';

const provider: ProviderConfig = {
  id: 'local',
  name: 'Local vLLM',
  family: 'openai-compatible',
  baseUrl: 'http://127.0.0.1:8000/v1',
  headers: {},
};

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

describe('networkError', () => {
  it.each([
    {
      name: 'a refused connection behind fetch',
      error: fetchFailed(withCode('connect ECONNREFUSED 127.0.0.1:8000', 'ECONNREFUSED')),
      status: 502,
      message: 'Could not reach Local vLLM (ECONNREFUSED)',
      raw: 'fetch failed: connect ECONNREFUSED 127.0.0.1:8000',
    },
    {
      name: 'a reset socket',
      error: withCode('read ECONNRESET', 'ECONNRESET'),
      status: 502,
      message: 'Could not reach Local vLLM (ECONNRESET)',
      raw: 'read ECONNRESET',
    },
    {
      name: 'an unknown host',
      error: fetchFailed(withCode('getaddrinfo ENOTFOUND vllm', 'ENOTFOUND')),
      status: 502,
      message: 'Could not reach Local vLLM (ENOTFOUND)',
      raw: 'fetch failed: getaddrinfo ENOTFOUND vllm',
    },
    {
      name: 'a closed socket mid-body',
      error: new TypeError('terminated', { cause: withCode('other side closed', 'UND_ERR_SOCKET') }),
      status: 502,
      message: 'Could not reach Local vLLM (UND_ERR_SOCKET)',
      raw: 'terminated: other side closed',
    },
    {
      name: 'something without a code',
      error: new Error('boom'),
      status: 502,
      message: 'Could not reach Local vLLM',
      raw: 'boom',
    },
    {
      name: 'a thrown string',
      error: 'boom',
      status: 502,
      message: 'Could not reach Local vLLM',
      raw: 'boom',
    },
    {
      name: 'the deadline (AbortSignal.timeout)',
      error: new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      status: 408,
      message: 'Local vLLM did not answer in time',
      raw: 'The operation was aborted due to timeout',
    },
    {
      name: 'an abort',
      error: new DOMException('This operation was aborted', 'AbortError'),
      status: 408,
      message: 'Local vLLM did not answer in time',
      raw: 'This operation was aborted',
    },
    {
      name: "undici's headers timeout behind fetch",
      error: fetchFailed(withCode('Headers Timeout Error', 'UND_ERR_HEADERS_TIMEOUT')),
      status: 408,
      message: 'Local vLLM did not answer in time',
      raw: 'fetch failed: Headers Timeout Error',
    },
    {
      name: 'a connect timeout',
      error: withCode('connect ETIMEDOUT 10.0.0.1:443', 'ETIMEDOUT'),
      status: 408,
      message: 'Local vLLM did not answer in time',
      raw: 'connect ETIMEDOUT 10.0.0.1:443',
    },
  ])('classifies $name', ({ error, status, message, raw }) => {
    const classified = networkError(error, provider);
    expect(classified).toMatchObject({ status, message, retryable: true });
    expect(classified.metadata).toEqual({ provider_name: 'Local vLLM', raw });
  });

  it('stops following a cause chain that loops', () => {
    const error: Error & { cause?: unknown } = new Error('loop');
    error.cause = error;
    expect(networkError(error, provider).metadata?.raw).toBe('loop: loop: loop: loop: loop');
  });
});
