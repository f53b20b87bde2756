import { generateApiKey, hashApiKey, keyLabel, KEY_PREFIX } from './key-format';

describe('key format', () => {
  it('generates OpenRouter-like keys, each different', () => {
    const [a, b] = [generateApiKey(), generateApiKey()];
    expect(a).toMatch(/^sk-sy-v1-[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });

  it('hashes to 64 hex digits, the same for the same key', () => {
    const key = `${KEY_PREFIX}${'ab'.repeat(32)}`;
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).not.toBe(hashApiKey(`${key}0`));
  });

  it('masks all but the first and last three characters of the secret', () => {
    expect(keyLabel('sk-sy-v1-f97aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa6e7')).toBe(
      'sk-sy-v1-f97...6e7',
    );
    expect(keyLabel('sy-local-key-1234')).toBe('sy-...234');
  });
});
