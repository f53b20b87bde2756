import type { ProviderAuth } from '../../catalog';
import { authHeaders } from './auth-headers';

describe('authHeaders', () => {
  it.each<{ auth: ProviderAuth; apiKey: string | undefined; expected: Record<string, string> }>([
    { auth: 'bearer', apiKey: 'sk-1', expected: { authorization: 'Bearer sk-1' } },
    { auth: 'api-key-header', apiKey: 'az-1', expected: { 'api-key': 'az-1' } },
    { auth: 'none', apiKey: 'sk-1', expected: {} },
    { auth: 'bearer', apiKey: undefined, expected: {} },
    { auth: 'bearer', apiKey: '', expected: {} },
  ])('sends $auth with key $apiKey as $expected', ({ auth, apiKey, expected }) => {
    expect(authHeaders(auth, apiKey)).toEqual(expected);
  });
});
