import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * BYOK credentials at rest (Postgres, the key bucket, a job on its way to a worker) are sealed
 * with AES-256-GCM under SWITCHYARD_ENCRYPTION_KEY. The additional data binds each sealed value to
 * its key and provider, so a sealed credential copied onto another key or provider does not open.
 */
const VERSION = 'v1';
const IV_BYTES = 12;

export class CredentialCipher {
  private constructor(private readonly key: Buffer) {}

  /** 32 bytes, as 64 hex digits or base64; anything else is refused with what to set. */
  static fromSecret(secret: string): CredentialCipher {
    const trimmed = secret.trim();
    const key = /^[0-9a-f]{64}$/i.test(trimmed)
      ? Buffer.from(trimmed, 'hex')
      : Buffer.from(trimmed, 'base64');
    if (key.length !== 32) {
      throw new Error(
        'SWITCHYARD_ENCRYPTION_KEY must be 32 bytes, as 64 hex digits or base64 (openssl rand -hex 32).',
      );
    }
    return new CredentialCipher(key);
  }

  seal(plaintext: string, context: CredentialContext): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(additionalData(context));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), sealed].map(encode).join('.');
  }

  /** Throws when the value was sealed under another secret, key or provider, or was altered. */
  open(sealed: string, context: CredentialContext): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('not a sealed credential');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(additionalData(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}

/** Whose credential, for which provider. */
export interface CredentialContext {
  keyHash: string;
  providerId: string;
}

const encode = (part: string | Buffer) => (typeof part === 'string' ? part : part.toString('base64url'));
const additionalData = ({ keyHash, providerId }: CredentialContext) =>
  Buffer.from(`byok:${keyHash}:${providerId}`);
