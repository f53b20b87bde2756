import { randomBytes } from 'node:crypto';
import { CredentialCipher } from './credential-cipher';

const secret = randomBytes(32).toString('hex');
const context = { keyHash: 'a'.repeat(64), providerId: 'openai' };

describe('CredentialCipher', () => {
  const cipher = CredentialCipher.fromSecret(secret);

  it('opens what it sealed, and never shows the plaintext in the sealed form', () => {
    const sealed = cipher.seal('sk-provider-secret', context);
    expect(sealed).not.toContain('sk-provider-secret');
    expect(cipher.open(sealed, context)).toBe('sk-provider-secret');
  });

  it('seals the same plaintext differently each time', () => {
    expect(cipher.seal('x', context)).not.toBe(cipher.seal('x', context));
  });

  it.each([
    ['another provider', { ...context, providerId: 'groq' }],
    ['another key', { ...context, keyHash: 'b'.repeat(64) }],
  ])('refuses a credential moved to %s', (_case, other) => {
    expect(() => cipher.open(cipher.seal('s', context), other)).toThrow();
  });

  it('refuses a credential sealed under another secret, or altered', () => {
    const sealed = cipher.seal('s', context);
    expect(() =>
      CredentialCipher.fromSecret(randomBytes(32).toString('base64')).open(sealed, context),
    ).toThrow();
    const altered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => cipher.open(altered, context)).toThrow();
  });

  it('accepts 32 bytes as hex or base64 and refuses anything else', () => {
    expect(() => CredentialCipher.fromSecret(randomBytes(32).toString('base64'))).not.toThrow();
    expect(() => CredentialCipher.fromSecret('too-short')).toThrow(/SWITCHYARD_ENCRYPTION_KEY/);
  });
});
