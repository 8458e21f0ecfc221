import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/platform';

/**
 * Encryption of personal data at rest (resident ID numbers, mobile numbers).
 *
 * Envelope: `[version/key id: 1 byte][IV: 12 bytes][GCM tag: 16 bytes][ciphertext]`, AES-256-GCM
 * with a fresh random IV each time. The purpose (e.g. `users.id_number`) is bound as additional
 * authenticated data, so a ciphertext copied into another column does not decrypt. The key id
 * byte lets keys rotate: new values use `currentKeyId`, old ones decrypt with the key they name.
 *
 * The blind index is HMAC-SHA256 under a separate key: equal inputs give equal indexes (a UNIQUE
 * constraint and lookups work) without the database ever seeing the number.
 */
export interface PiiCipherKeys {
  /** key id (1-255) → 32-byte AES key */
  encryptionKeys: Record<number, Buffer>;
  currentKeyId: number;
  hmacKey: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER = 1 + IV_BYTES + TAG_BYTES;

export class PiiDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PiiDecryptionError';
  }
}

export class PiiCipher {
  private readonly keys: Map<number, Buffer>;
  private readonly currentKeyId: number;
  private readonly hmacKey: Buffer;

  constructor(keys: PiiCipherKeys) {
    this.keys = new Map();
    for (const [id, key] of Object.entries(keys.encryptionKeys)) {
      const n = Number(id);
      if (!Number.isInteger(n) || n < 1 || n > 255) throw new Error('PiiCipher: key ids are 1-255');
      if (key.length !== 32) throw new Error('PiiCipher: encryption keys must be 32 bytes');
      this.keys.set(n, Buffer.from(key));
    }
    if (!this.keys.has(keys.currentKeyId)) throw new Error('PiiCipher: currentKeyId has no key');
    if (keys.hmacKey.length < 32) throw new Error('PiiCipher: the HMAC key must be at least 32 bytes');
    this.currentKeyId = keys.currentKeyId;
    this.hmacKey = Buffer.from(keys.hmacKey);
  }

  /** Key id 1 is PII_ENCRYPTION_KEY. (A rotation adds the previous key under its old id.) */
  static fromConfig(config: Pick<AppConfig, 'PII_ENCRYPTION_KEY' | 'PII_HMAC_KEY'>): PiiCipher {
    return new PiiCipher({
      encryptionKeys: { 1: Buffer.from(config.PII_ENCRYPTION_KEY, 'base64') },
      currentKeyId: 1,
      hmacKey: Buffer.from(config.PII_HMAC_KEY, 'base64'),
    });
  }

  encrypt(plain: string, purpose: string): Buffer {
    const key = this.keys.get(this.currentKeyId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(purpose, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([this.currentKeyId]), iv, cipher.getAuthTag(), body]);
  }

  decrypt(envelope: Buffer, purpose: string): string {
    if (!Buffer.isBuffer(envelope) || envelope.length < HEADER)
      throw new PiiDecryptionError('Malformed envelope');
    const key = this.keys.get(envelope[0]);
    if (!key) throw new PiiDecryptionError(`No key with id ${envelope[0]}`);
    const iv = envelope.subarray(1, 1 + IV_BYTES);
    const tag = envelope.subarray(1 + IV_BYTES, HEADER);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(envelope.subarray(HEADER)), decipher.final()]).toString('utf8');
    } catch {
      throw new PiiDecryptionError('Envelope does not authenticate (wrong key, purpose or tampered data)');
    }
  }

  /** The key id an envelope was written with (to find values that still need re-encryption). */
  keyIdOf(envelope: Buffer): number {
    return envelope[0];
  }

  /** HMAC-SHA256 blind index of a normalised value, scoped by purpose. */
  blindIndex(value: string, purpose: string): Buffer {
    return createHmac('sha256', this.hmacKey)
      .update(purpose, 'utf8')
      .update('\u0000')
      .update(value, 'utf8')
      .digest();
  }
}

export const piiCipherProvider: Provider = {
  provide: PiiCipher,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => PiiCipher.fromConfig(config),
};

/** Purposes (bound as AAD / HMAC context). */
export const PII_PURPOSE = {
  idNumber: 'users.id_number',
  mobile: 'users.mobile',
} as const;

/** Canonical form of a resident ID number: trimmed, check character `x` as `X`. */
export function normaliseResidentId(id: string): string {
  const s = id.trim();
  return s.endsWith('x') ? s.slice(0, -1) + 'X' : s;
}
